import type { Editor } from '../../editor/Editor.ts';
import type { PromptStore } from '../prompt/promptStore.ts';
import { readDraft, toDraft } from './draft.ts';

export interface DraftStorage {
  get(): Promise<unknown>;
  set(value: unknown): Promise<void>;
}

export type RestoreOutcome = 'empty' | 'restored' | 'image-missing';

/**
 * Restores the saved draft into the editor and prompt stores, then saves every change (debounced).
 * `imageExists` guards against a server that lost the image: the prompt is kept, the mask is not.
 */
export async function restoreAndPersist(
  editor: Editor,
  prompt: PromptStore,
  storage: DraftStorage,
  imageExists: (id: string) => Promise<boolean>,
  { debounceMs = 400 }: { debounceMs?: number } = {},
): Promise<{ outcome: RestoreOutcome; stop: () => void }> {
  const draft = readDraft(await storage.get().catch(() => undefined));
  let outcome: RestoreOutcome = 'empty';
  if (draft) {
    prompt.setState(draft.prompt);
    editor.setBrushSize(draft.brushSize);
    if (draft.image) {
      // An unreachable server is not proof the image is gone: keep the draft and let the canvas say so.
      const exists = await imageExists(draft.image.id).catch(() => true);
      if (exists && !editor.state.image) {
        editor.loadImage(draft.image, draft.ops, draft.redo);
        outcome = 'restored';
      } else if (!exists) outcome = 'image-missing';
    } else outcome = 'restored';
  }

  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = () => {
    clearTimeout(timer);
    timer = setTimeout(
      () => void storage.set(toDraft(editor.state, prompt.getState())).catch(() => {}),
      debounceMs,
    );
  };
  const offEditor = editor.store.subscribe((s, p) => {
    if (s.image !== p.image || s.ops !== p.ops || s.redo !== p.redo || s.brushSize !== p.brushSize) save();
  });
  const offPrompt = prompt.subscribe(save);
  // The missing image is dropped from the stored draft right away.
  if (outcome === 'image-missing') save();
  return {
    outcome,
    stop: () => {
      clearTimeout(timer);
      offEditor();
      offPrompt();
    },
  };
}
