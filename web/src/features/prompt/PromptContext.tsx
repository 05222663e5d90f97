import { createContext, useContext, type ReactNode } from 'react';
import { useStore } from 'zustand';
import type { PromptDraft, PromptStore } from './promptStore.ts';

const PromptContext = createContext<PromptStore | null>(null);

export function PromptProvider({ store, children }: { store: PromptStore; children: ReactNode }) {
  return <PromptContext.Provider value={store}>{children}</PromptContext.Provider>;
}

export function usePromptStore(): PromptStore {
  const store = useContext(PromptContext);
  if (!store) throw new Error('usePromptStore needs a <PromptProvider>');
  return store;
}

export function usePrompt<T>(selector: (s: PromptDraft) => T): T {
  return useStore(usePromptStore(), selector);
}
