import type { Size } from '@maskfill/server/contract';

/**
 * Draws the exported mask PNG into `canvas` at the size it is sent. A scaled send (Firefly's 600 px
 * minimum) uses nearest-neighbour, as the server does, so the preview stays pure black and white.
 */
export async function drawMaskPreview(canvas: HTMLCanvasElement, png: Blob, send: Size): Promise<void> {
  const bitmap = await createImageBitmap(png);
  try {
    canvas.width = send.width;
    canvas.height = send.height;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2D canvas');
    ctx.imageSmoothingEnabled = false;
    ctx.drawImage(bitmap, 0, 0, send.width, send.height);
  } finally {
    bitmap.close();
  }
}
