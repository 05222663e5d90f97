import { describe, expect, it } from 'vitest';
import { aspectDiffers, maskFromRgba } from './importMask.ts';
import { TestEditor } from './TestEditor.ts';

const rgba = (...px: [number, number, number, number][]) => Uint8ClampedArray.from(px.flat());

describe('mask import', () => {
  it('reads opaque masks by luminance (white = fill), inverting on request', () => {
    const px = rgba([255, 255, 255, 255], [0, 0, 0, 255], [128, 128, 128, 255]);
    expect([...maskFromRgba(px, false)]).toEqual([255, 0, 128]);
    expect([...maskFromRgba(px, true)]).toEqual([0, 255, 127]);
  });

  it('reads masks with transparency by alpha (opaque = fill), whatever the colour', () => {
    const px = rgba([0, 0, 0, 255], [255, 255, 255, 0], [10, 200, 30, 255]);
    expect([...maskFromRgba(px, false)]).toEqual([255, 0, 255]);
  });

  it('warns only on an aspect difference over 1%', () => {
    expect(aspectDiffers(1024, 1024, 512, 512)).toBe(false);
    expect(aspectDiffers(1000, 1005, 512, 512)).toBe(false);
    expect(aspectDiffers(1024, 768, 512, 512)).toBe(true);
  });

  it('replaces the mask as one undo step and survives later strokes and undo', () => {
    const ed = new TestEditor(4, 2).brush(1);
    ed.drag([0.5, 0.5]);
    const data = Uint8Array.from([0, 255, 255, 0, 0, 0, 255, 255]);
    expect(ed.importMask(data)).toBe(true);
    expect([...ed.mask!]).toEqual([...data]);
    ed.invert();
    expect(ed.filled).toBe(4);
    ed.undo();
    ed.undo();
    expect(ed.filled).toBe(1);
    expect(ed.importMask(new Uint8Array(3))).toBe(false);
  });
});
