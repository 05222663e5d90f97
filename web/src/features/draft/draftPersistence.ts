import type { EditorState } from '../../editor/store.ts';
import type { PromptStore } from '../prompt/promptStore.ts';
import type { Workspace } from '../tabs/workspace.ts';
import { readDraft, toDraft } from './draft.ts';

export interface DraftStorage {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

/** `image-missing`: every saved image is gone from the server; `some-missing`: some are, the rest restored. */
export type RestoreOutcome = 'empty' | 'restored' | 'image-missing' | 'some-missing';

/** Editor fields a draft holds: a change to any of them is saved. */
const SAVED: readonly (keyof EditorState)[] = [
  'image',
  'ops',
  'redo',
  'viewport',
  'tool',
  'brushSize',
  'hardness',
  'overlayColor',
];

/**
 * Restores the saved draft into the workspace (tabs), editor (brush, mask display) and prompt, then
 * saves every change (debounced). `imageExists` guards against a server that lost an image: that tab
 * is dropped, the rest (and the prompt) are kept.
 */
export async function restoreAndPersist(
  workspace: Workspace,
  prompt: PromptStore,
  storage: DraftStorage,
  imageExists: (id: string) => Promise<boolean>,
  { debounceMs = 400 }: { debounceMs?: number } = {},
): Promise<{ outcome: RestoreOutcome; missing: number; flush: () => void; stop: () => void }> {
  const editor = workspace.editor;
  const draft = readDraft(await storage.get().catch(() => undefined), editor.state);
  let outcome: RestoreOutcome = 'empty';
  let missing = 0;
  if (draft) {
    prompt.setState(draft.prompt);
    editor.setTool(draft.tool);
    editor.setBrushSize(draft.brushSize);
    editor.setHardness(draft.hardness);
    editor.setOverlayColor(draft.overlayColor);
    // An unreachable server is not proof an image is gone: keep the tab and let the canvas say so.
    const exists = await Promise.all(draft.tabs.map((t) => imageExists(t.image.id).catch(() => true)));
    const kept = draft.tabs.filter((_, i) => exists[i]);
    missing = draft.tabs.length - kept.length;
    workspace.restore(kept, draft.activeId);
    outcome = missing === 0 ? 'restored' : kept.length === 0 ? 'image-missing' : 'some-missing';
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const write = () => {
    clearTimeout(timer);
    timer = undefined;
    const ws = workspace.state;
    void storage
      .set(toDraft(workspace.snapshot(), ws.activeId, editor.state, prompt.getState()))
      .catch(() => {});
  };
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(write, debounceMs);
  };
  const offEditor = editor.store.subscribe((s, p) => {
    if (SAVED.some((k) => s[k] !== p[k])) save();
  });
  const offTabs = workspace.store.subscribe(save);
  const offPrompt = prompt.subscribe(save);
  // Missing images are dropped from the stored draft right away.
  if (missing > 0) save();
  return {
    outcome,
    missing,
    /** Writes a pending change now (the page is going away). */
    flush: () => {
      if (timer !== undefined) write();
    },
    stop: () => {
      clearTimeout(timer);
      offEditor();
      offTabs();
      offPrompt();
    },
  };
}
