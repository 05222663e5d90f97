import { describe, expect, it, vi } from 'vitest';
import { drawMaskPreview } from './maskPreview.ts';

describe('drawMaskPreview', () => {
  it('draws the PNG at the send size with nearest-neighbour scaling and releases the bitmap', async () => {
    const canvas = document.createElement('canvas');
    const ctx = canvas.getContext('2d')!;
    const draw = vi.spyOn(ctx, 'drawImage').mockImplementation(() => {});
    const close = vi.fn();
    const bitmap = { width: 400, height: 200, close } as unknown as ImageBitmap;
    vi.stubGlobal(
      'createImageBitmap',
      vi.fn(async () => bitmap),
    );
    const png = new Blob([new Uint8Array(8)], { type: 'image/png' });
    await drawMaskPreview(canvas, png, { width: 600, height: 300 });
    expect(createImageBitmap).toHaveBeenCalledWith(png);
    expect([canvas.width, canvas.height]).toEqual([600, 300]);
    expect(ctx.imageSmoothingEnabled).toBe(false);
    expect(draw).toHaveBeenCalledWith(bitmap, 0, 0, 600, 300);
    expect(close).toHaveBeenCalled();
    vi.unstubAllGlobals();
  });
});
