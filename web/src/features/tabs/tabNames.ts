import type { ProviderId } from '@maskfill/server/contract';
import type { Tab } from './workspace.ts';

/** Provider names short enough for a tab (the catalogue's labels run to 25 characters). */
const SHORT: Record<ProviderId, string> = { local: 'Local', firefly: 'Firefly', fal: 'FLUX Fill' };

/**
 * The name of a tab opened from a job's result: `<source tab> · <provider> #n`, n one more than the
 * highest such number open (so two results of one source and provider never share a name). The source is
 * the open tab holding the job's image; once that is closed, "Result".
 */
export function resultTabName(
  tabs: readonly Pick<Tab, 'name' | 'image'>[],
  sourceImageId: string,
  provider: ProviderId,
): string {
  const source = tabs.find((t) => t.image.id === sourceImageId)?.name ?? 'Result';
  const base = `${source} · ${SHORT[provider]} #`;
  const highest = Math.max(
    0,
    ...tabs.map((t) =>
      t.name.startsWith(base) ? Number(/^\d+$/.exec(t.name.slice(base.length))?.[0] ?? 0) : 0,
    ),
  );
  return `${base}${highest + 1}`;
}

/** Tab strip text at most `max` characters: the middle gives way, so the " · Firefly #2" end stays legible. */
export function shortTabName(name: string, max = 28): string {
  if (name.length <= max) return name;
  const cut = name.lastIndexOf(' · ');
  // Keep the derived suffix when it leaves room for some of the source; else the extension-ish end.
  const tail = cut > 0 && name.length - cut <= max / 2 ? name.slice(cut) : name.slice(-Math.floor(max / 3));
  return `${name.slice(0, max - tail.length - 1).trimEnd()}…${tail}`;
}
