/** Shipped demo inputs (web/public/samples, provenance in its README): photo, ready mask, prompt. */
export interface Sample {
  id: string;
  label: string;
  photo: string;
  mask: string;
  prompt: string;
}

export const SAMPLES: readonly Sample[] = [
  {
    id: 'astronaut-shuttle',
    label: 'Astronaut — remove the shuttle model',
    photo: '/samples/astronaut.jpg',
    mask: '/samples/astronaut-mask.png',
    prompt: 'plain mottled grey studio backdrop',
  },
  {
    id: 'astronaut-patch',
    label: 'Astronaut — remove the mission patch',
    photo: '/samples/astronaut.jpg',
    mask: '/samples/astronaut-patch-mask.png',
    prompt: 'plain orange flight suit fabric',
  },
  {
    id: 'hopper-tag',
    label: 'Grace Hopper — remove the name tag',
    photo: '/samples/hopper.jpg',
    mask: '/samples/hopper-mask.png',
    prompt: 'plain navy uniform fabric',
  },
];

/** A mask image's pixels as our mask bitmap: 255 where the red channel is bright (white = fill). */
export function maskFromRgba(
  rgba: Uint8ClampedArray,
  width: number,
  height: number,
): Uint8Array<ArrayBuffer> {
  const out = new Uint8Array(width * height);
  for (let i = 0; i < out.length; i++) out[i] = rgba[i * 4]! >= 128 ? 255 : 0;
  return out;
}
