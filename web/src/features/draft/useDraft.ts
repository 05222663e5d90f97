import { del, get, set } from 'idb-keyval';
import { useEffect, useState } from 'react';
import { api } from '../../lib/api/client.ts';
import type { PromptStore } from '../prompt/promptStore.ts';
import type { Workspace } from '../tabs/workspace.ts';
import { restoreAndPersist, type DraftStorage, type RestoreOutcome } from './draftPersistence.ts';

// The key predates version 2 of the draft; readDraft migrates what it finds there.
const KEY = 'maskfill:draft:v1';

/** IndexedDB (masks outgrow localStorage quickly); private modes without it simply do not persist. */
export const idbDraftStorage: DraftStorage = {
  get: () => get(KEY),
  set: (value) => set(KEY, value),
};

export const clearStoredDraft = () => del(KEY);

/** Restores the draft once on start and keeps saving it; returns the outcome once known. */
export function useDraft(workspace: Workspace, prompt: PromptStore): RestoreOutcome | 'pending' {
  const [outcome, setOutcome] = useState<RestoreOutcome | 'pending'>('pending');
  useEffect(() => {
    let stop: (() => void) | undefined;
    let flush: (() => void) | undefined;
    let cancelled = false;
    void restoreAndPersist(workspace, prompt, idbDraftStorage, api.imageExists).then((r) => {
      if (cancelled) r.stop();
      else {
        stop = r.stop;
        flush = r.flush;
        setOutcome(r.outcome);
      }
    });
    // A change made just before a reload would otherwise wait out the debounce and be lost.
    const onHide = () => flush?.();
    window.addEventListener('pagehide', onHide);
    return () => {
      cancelled = true;
      window.removeEventListener('pagehide', onHide);
      stop?.();
    };
  }, [workspace, prompt]);
  return outcome;
}
