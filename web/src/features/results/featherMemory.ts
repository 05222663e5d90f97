import { z } from 'zod';
import { MAX_FEATHER_PX } from './compositeApi.ts';

const KEY = 'maskfill:feather:v1';
/** Jobs whose feather is remembered; the least recently set is forgotten first (a few kB at most). */
export const MAX_REMEMBERED = 200;

/** Stored as [jobId, px] pairs, oldest first, so the order survives whatever the ids look like. */
const Stored = z.array(z.tuple([z.string().min(1), z.number().int().min(0).max(MAX_FEATHER_PX)]));

export type FeatherStorage = Pick<Storage, 'getItem' | 'setItem'>;

/** localStorage, or nothing where the browser refuses it (some private modes throw on access). */
function browserStorage(): FeatherStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The feathers chosen in earlier sessions, by job id; anything unreadable counts as none. */
export function loadFeathers(storage: FeatherStorage | null = browserStorage()): Record<string, number> {
  try {
    const raw = storage?.getItem(KEY);
    const parsed = raw ? Stored.safeParse(JSON.parse(raw)) : null;
    return parsed?.success ? Object.fromEntries(parsed.data.slice(-MAX_REMEMBERED)) : {};
  } catch {
    return {};
  }
}

/** `feather` with `jobId` set to `px` as the most recent choice, and at most `max` jobs kept. */
export function rememberFeather(
  feather: Record<string, number>,
  jobId: string,
  px: number,
  max = MAX_REMEMBERED,
): Record<string, number> {
  const entries = Object.entries(feather).filter(([id]) => id !== jobId);
  entries.push([jobId, px]);
  return Object.fromEntries(entries.slice(-max));
}

/** Writes the map; a full or missing storage only costs the memory across reloads. */
export function saveFeathers(
  feather: Record<string, number>,
  storage: FeatherStorage | null = browserStorage(),
): void {
  try {
    storage?.setItem(KEY, JSON.stringify(Object.entries(feather)));
  } catch {
    // Quota exceeded or storage disabled: the choice still holds for this session.
  }
}
