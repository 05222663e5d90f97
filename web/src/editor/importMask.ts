/**
 * Turns decoded RGBA (already scaled to the image) into our mask polarity (255 = fill). A PNG with
 * transparency is read by its alpha (opaque = fill, as other editors export); an opaque one by its
 * luminance (white = fill, the convention of every provider). `invert` flips either reading.
 */
export function maskFromRgba(rgba: Uint8ClampedArray, invert: boolean): Uint8Array<ArrayBuffer> {
  const n = rgba.length >> 2;
  const out = new Uint8Array(n);
  let useAlpha = false;
  for (let i = 0; i < n; i++)
    if (rgba[4 * i + 3]! !== 255) {
      useAlpha = true;
      break;
    }
  for (let i = 0; i < n; i++) {
    const o = 4 * i;
    const v = useAlpha
      ? rgba[o + 3]!
      : Math.round(0.299 * rgba[o]! + 0.587 * rgba[o + 1]! + 0.114 * rgba[o + 2]!);
    out[i] = invert ? 255 - v : v;
  }
  return out;
}

/** True when scaling `src` to `dst` would distort it by more than 1% (worth a warning). */
export function aspectDiffers(srcW: number, srcH: number, dstW: number, dstH: number): boolean {
  return Math.abs(srcW / srcH / (dstW / dstH) - 1) > 0.01;
}
