import { z } from 'zod';
import { MaskOps } from '../../editor/ops.ts';
import type { EditorState } from '../../editor/store.ts';
import { PromptDraft } from '../prompt/promptStore.ts';

/** What survives a reload: the image reference, the mask with its history, brush size and the prompt. */
export const Draft = z.object({
  version: z.literal(1),
  image: z
    .object({ id: z.string(), width: z.number().int(), height: z.number().int(), url: z.string() })
    .nullable(),
  ops: MaskOps,
  redo: MaskOps,
  brushSize: z.number(),
  prompt: PromptDraft,
});
export type Draft = z.infer<typeof Draft>;

export const toDraft = (s: EditorState, prompt: PromptDraft): Draft => ({
  version: 1,
  image: s.image,
  ops: s.ops,
  redo: s.redo,
  brushSize: s.brushSize,
  prompt,
});

/** Parses a stored draft; anything unreadable (older format, corruption) is dropped, not fatal. */
export function readDraft(value: unknown): Draft | null {
  const parsed = Draft.safeParse(value);
  return parsed.success ? parsed.data : null;
}
