import type { ProviderId } from '@maskfill/server/contract';
import { z } from 'zod';
import { createStore } from 'zustand/vanilla';

/** The prompt panel's draft: what the next Generate will send. Persisted with the mask. */
export const PromptDraft = z.object({
  provider: z.enum(['local', 'firefly', 'fal']).nullable(),
  prompt: z.string(),
  negativePrompt: z.string(),
  /** 'source' or 'WxH'. */
  size: z.string(),
  variations: z.number().int().min(1).max(4),
  /** Blank = random. */
  seed: z.string(),
  /** Provider options by provider id, then option key. */
  options: z.record(z.string(), z.record(z.string(), z.unknown())),
});
export type PromptDraft = z.infer<typeof PromptDraft>;

export const initialPromptDraft = (): PromptDraft => ({
  provider: null,
  prompt: '',
  negativePrompt: '',
  size: 'source',
  variations: 1,
  seed: '',
  options: {},
});

export const createPromptStore = () => createStore<PromptDraft>()(() => initialPromptDraft());
export type PromptStore = ReturnType<typeof createPromptStore>;

export function setOption(store: PromptStore, provider: ProviderId, key: string, value: unknown): void {
  const options = store.getState().options;
  store.setState({ options: { ...options, [provider]: { ...options[provider], [key]: value } } });
}
