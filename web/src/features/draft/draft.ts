import { z } from 'zod';
import { MaskOps } from '../../editor/ops.ts';
import type { EditorState, ToolId } from '../../editor/store.ts';
import type { Tab } from '../tabs/workspace.ts';
import { PromptDraft } from '../prompt/promptStore.ts';

const ImageRef = z.object({
  id: z.string(),
  width: z.number().int(),
  height: z.number().int(),
  url: z.string(),
  name: z.string().optional(),
});
const ViewportDraft = z.object({ x: z.number(), y: z.number(), scale: z.number().positive() });

/** The first format: one image, its mask and history, the brush size and the prompt. */
const DraftV1 = z.object({
  version: z.literal(1),
  image: ImageRef.nullable(),
  ops: MaskOps,
  redo: MaskOps,
  brushSize: z.number(),
  prompt: PromptDraft,
});

const TabDraft = z.object({
  id: z.string(),
  name: z.string(),
  image: ImageRef,
  ops: MaskOps,
  redo: MaskOps,
  /** Null: fitted to the window. */
  viewport: ViewportDraft.nullable(),
});

const TOOLS = ['brush', 'eraser', 'rect', 'lasso', 'polygon', 'pan'] as const satisfies readonly ToolId[];

/** What survives a reload: every open image (mask, history, view), the brush and mask display, the prompt. */
export const Draft = z.object({
  version: z.literal(2),
  tabs: z.array(TabDraft),
  activeId: z.string().nullable(),
  tool: z.enum(TOOLS),
  brushSize: z.number(),
  hardness: z.number().min(0).max(1),
  overlayColor: z.object({
    r: z.number().int().min(0).max(255),
    g: z.number().int().min(0).max(255),
    b: z.number().int().min(0).max(255),
    a: z.number().min(0).max(1),
  }),
  prompt: PromptDraft,
});
export type Draft = z.infer<typeof Draft>;

export const toDraft = (
  tabs: Tab[],
  activeId: string | null,
  s: Pick<EditorState, 'tool' | 'brushSize' | 'hardness' | 'overlayColor'>,
  prompt: PromptDraft,
): Draft => ({
  version: 2,
  tabs,
  activeId,
  tool: s.tool,
  brushSize: s.brushSize,
  hardness: s.hardness,
  overlayColor: s.overlayColor,
  prompt,
});

/** A version 1 draft as version 2: its image becomes the first tab; settings it lacked take `defaults`. */
function fromV1(
  d: z.infer<typeof DraftV1>,
  defaults: Pick<Draft, 'tool' | 'hardness' | 'overlayColor'>,
): Draft {
  const tabs = d.image
    ? [
        {
          id: 'v1',
          name: d.image.name ?? 'Image 1',
          image: d.image,
          ops: d.ops,
          redo: d.redo,
          viewport: null,
        },
      ]
    : [];
  return {
    version: 2,
    tabs,
    activeId: tabs[0]?.id ?? null,
    tool: defaults.tool,
    hardness: defaults.hardness,
    overlayColor: defaults.overlayColor,
    brushSize: d.brushSize,
    prompt: d.prompt,
  };
}

/** Parses a stored draft (either version); anything unreadable (corruption, unknown format) is dropped. */
export function readDraft(
  value: unknown,
  defaults: Pick<Draft, 'tool' | 'hardness' | 'overlayColor'>,
): Draft | null {
  const v2 = Draft.safeParse(value);
  if (v2.success) return v2.data;
  const v1 = DraftV1.safeParse(value);
  return v1.success ? fromV1(v1.data, defaults) : null;
}
