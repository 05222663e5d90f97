import { describe, expect, it } from 'vitest';
import { sniffImageType } from './sniff.ts';

const bytes = (...b: (number | string)[]) =>
  new Uint8Array(b.flatMap((x) => (typeof x === 'string' ? [...x].map((c) => c.charCodeAt(0)) : [x])));

describe('sniffImageType', () => {
  it('recognises PNG, JPEG and WebP by their magic bytes', () => {
    expect(sniffImageType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13))).toBe('image/png');
    expect(sniffImageType(bytes(0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 'JFIF', 0))).toBe('image/jpeg');
    expect(sniffImageType(bytes('RIFF', 1, 2, 3, 4, 'WEBP'))).toBe('image/webp');
  });

  it('refuses look-alikes and other formats', () => {
    expect(sniffImageType(bytes(0x89, 'PNG', 0x0d, 0x0a, 0x1a))).toBeNull(); // cut short
    expect(sniffImageType(bytes('RIFF', 1, 2, 3, 4, 'WAVE'))).toBeNull();
    expect(sniffImageType(bytes('GIF89a', 0, 0, 0, 0, 0, 0))).toBeNull();
    expect(sniffImageType(bytes('<svg xmlns="'))).toBeNull();
    expect(sniffImageType(new Uint8Array(0))).toBeNull();
  });
});
