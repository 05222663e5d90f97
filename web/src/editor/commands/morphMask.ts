import { pushOp } from '../history.ts';
import type { EditorCommand } from './command.ts';

/** Radii are whole pixels, at most this many (beyond it the mask is effectively all or nothing). */
export const MAX_MORPH_RADIUS = 256;

const radius = (px: number) => Math.min(MAX_MORPH_RADIUS, Math.round(px));

function morph(type: 'grow' | 'shrink' | 'feather', label: string, px: number): EditorCommand {
  return {
    id: type,
    label,
    // A radius that rounds to zero (or an empty history) would only add a no-op undo step.
    run: (s) =>
      s.image && s.ops.length > 0 && radius(px) > 0 ? pushOp(s, { type, radius: radius(px) }) : null,
  };
}

export const growCommand = (px: number) => morph('grow', `Grow mask by ${px} px`, px);
export const shrinkCommand = (px: number) => morph('shrink', `Shrink mask by ${px} px`, px);
export const featherCommand = (px: number) => morph('feather', `Feather mask by ${px} px`, px);
