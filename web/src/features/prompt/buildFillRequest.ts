import { MAX_SEED, type FillRequest, type ProviderInfo, type Size } from '@maskfill/server/contract';
import type { PromptDraft } from './promptStore.ts';
import { resolveSize, sizeOptions } from './sizeOptions.ts';

/** Why Generate cannot run yet, or null. */
export function generateBlocker(
  draft: PromptDraft,
  provider: ProviderInfo | undefined,
  hasImage: boolean,
): string | null {
  if (!hasImage) return 'Upload an image first.';
  if (!provider) return 'Choose a provider.';
  if (!provider.available)
    return `${provider.label} is unavailable${provider.unavailableReason ? `: ${provider.unavailableReason}` : '.'}`;
  if (provider.promptRequired && draft.prompt.trim() === '') return `${provider.label} needs a prompt.`;
  const seed = parseSeed(draft.seed);
  if (seed === 'invalid') return `Seed must be a whole number from 0 to ${MAX_SEED}, or blank for random.`;
  return null;
}

/** Blank → undefined (random); otherwise an integer in range, or 'invalid'. */
export function parseSeed(text: string): number | undefined | 'invalid' {
  const t = text.trim();
  if (t === '') return undefined;
  if (!/^\d+$/.test(t)) return 'invalid';
  const n = Number(t);
  return n <= MAX_SEED ? n : 'invalid';
}

/** Consecutive seeds from the first, wrapping below MAX_SEED so they stay unique and valid. */
export function seedsFrom(first: number, count: number): number[] {
  return Array.from({ length: count }, (_, i) => (first + i) % (MAX_SEED + 1));
}

/** The FillRequest for a draft: only what the provider supports, options defaulted from its spec. */
export function buildFillRequest(
  draft: PromptDraft,
  provider: ProviderInfo,
  ids: { imageId: string; maskId: string },
  source: Size,
): FillRequest {
  const variations = Math.min(Math.max(1, draft.variations), provider.maxVariations);
  const req: FillRequest = {
    provider: provider.id,
    imageId: ids.imageId,
    maskId: ids.maskId,
    numVariations: variations,
  };
  const prompt = draft.prompt.trim();
  if (provider.usesPrompt && prompt) req.prompt = prompt;
  const negative = draft.negativePrompt.trim();
  if (provider.supports.negativePrompt && negative) req.negativePrompt = negative;
  const size = resolveSize(sizeOptions(provider, source), draft.size)?.size;
  if (size) req.size = size;
  const seed = parseSeed(draft.seed);
  if (provider.supports.seeds && typeof seed === 'number') req.seeds = seedsFrom(seed, variations);
  if (provider.options.length > 0) {
    const chosen = draft.options[provider.id] ?? {};
    req.options = Object.fromEntries(provider.options.map((o) => [o.key, chosen[o.key] ?? o.default]));
  }
  return req;
}
