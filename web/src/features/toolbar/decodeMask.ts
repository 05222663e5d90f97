import { aspectDiffers, maskFromRgba } from '../../editor/importMask.ts';

/**
 * Decodes a mask image and scales it to the image size (browser only). The warning says when the
 * aspect ratio differed, so the user knows the mask was stretched.
 */
export async function decodeMaskFile(
  file: Blob,
  width: number,
  height: number,
  invert: boolean,
): Promise<{ data: Uint8Array<ArrayBuffer>; warning: string | null }> {
  // Exact values: no colour management or premultiplication between the file and our threshold.
  const bmp = await createImageBitmap(file, { colorSpaceConversion: 'none', premultiplyAlpha: 'none' });
  try {
    const warning = aspectDiffers(bmp.width, bmp.height, width, height)
      ? `The mask is ${bmp.width} × ${bmp.height}: it was stretched to the image's ${width} × ${height}.`
      : null;
    const canvas = document.createElement('canvas');
    canvas.width = width;
    canvas.height = height;
    const ctx = canvas.getContext('2d', { willReadFrequently: true });
    if (!ctx) throw new Error('no 2D canvas');
    ctx.imageSmoothingQuality = 'high';
    ctx.drawImage(bmp, 0, 0, width, height);
    return { data: maskFromRgba(ctx.getImageData(0, 0, width, height).data, invert), warning };
  } finally {
    bmp.close();
  }
}
