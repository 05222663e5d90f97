import type { ProviderInfo, Size } from '@maskfill/server/contract';

export interface SizeOption {
  value: string;
  label: string;
  size: Size | null;
}

const COMMON_SIZES: Size[] = [
  { width: 512, height: 512 },
  { width: 1024, height: 1024 },
  { width: 1024, height: 768 },
  { width: 768, height: 1024 },
  { width: 1536, height: 1024 },
  { width: 1024, height: 1536 },
];

export const SOURCE_SIZE = 'source';
export const sizeKey = (s: Size): string => `${s.width}x${s.height}`;

/** The output sizes a provider accepts: its list, "Same as source" when the output follows the source. */
export function sizeOptions(provider: ProviderInfo, source: Size | null): SizeOption[] {
  const out: SizeOption[] = [];
  const seen = new Set<string>();
  const add = (s: Size) => {
    const key = sizeKey(s);
    if (seen.has(key)) return;
    seen.add(key);
    out.push({ value: key, label: `${s.width} × ${s.height}`, size: s });
  };
  if (provider.sizes === null || provider.anySize) {
    const label = source ? `Same as source (${source.width} × ${source.height})` : 'Same as source';
    out.push({ value: SOURCE_SIZE, label, size: null });
  }
  for (const s of provider.sizes ?? []) add(s);
  if (provider.anySize) for (const s of COMMON_SIZES) add(s);
  return out;
}

/** The option to use for a stored choice: the choice if still offered, else the first. */
export function resolveSize(options: SizeOption[], value: string): SizeOption | undefined {
  return options.find((o) => o.value === value) ?? options[0];
}
