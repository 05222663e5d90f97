import { del, get, set } from 'idb-keyval';
import { useEffect, useState } from 'react';
import type { Editor } from '../../editor/Editor.ts';
import { api } from '../../lib/api/client.ts';
import type { PromptStore } from '../prompt/promptStore.ts';
import { restoreAndPersist, type DraftStorage, type RestoreOutcome } from './draftPersistence.ts';

const KEY = 'maskfill:draft:v1';

/** IndexedDB (masks outgrow localStorage quickly); private modes without it simply do not persist. */
export const idbDraftStorage: DraftStorage = {
  get: () => get(KEY),
  set: (value) => set(KEY, value),
};

export const clearStoredDraft = () => del(KEY);

/** Restores the draft once on start and keeps saving it; returns the outcome once known. */
export function useDraft(editor: Editor, prompt: PromptStore): RestoreOutcome | 'pending' {
  const [outcome, setOutcome] = useState<RestoreOutcome | 'pending'>('pending');
  useEffect(() => {
    let stop: (() => void) | undefined;
    let cancelled = false;
    void restoreAndPersist(editor, prompt, idbDraftStorage, api.imageExists).then((r) => {
      if (cancelled) r.stop();
      else {
        stop = r.stop;
        setOutcome(r.outcome);
      }
    });
    return () => {
      cancelled = true;
      stop?.();
    };
  }, [editor, prompt]);
  return outcome;
}
