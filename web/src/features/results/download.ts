/** Saves a blob or URL under a file name through a temporary link. */
export function saveAs(href: string | Blob, filename: string): void {
  const url = typeof href === 'string' ? href : URL.createObjectURL(href);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.append(a);
  a.click();
  a.remove();
  if (typeof href !== 'string') setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** Re-encodes an image as JPEG in the browser (white under any transparency). */
export async function toJpeg(url: string, quality = 0.92): Promise<Blob> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`Could not fetch the image (${res.status}).`);
  const bitmap = await createImageBitmap(await res.blob());
  const canvas = document.createElement('canvas');
  canvas.width = bitmap.width;
  canvas.height = bitmap.height;
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('This browser cannot draw images for JPEG export.');
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  return new Promise((resolve, reject) =>
    canvas.toBlob(
      (b) => (b ? resolve(b) : reject(new Error('JPEG encoding failed.'))),
      'image/jpeg',
      quality,
    ),
  );
}
