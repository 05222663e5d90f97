import { useCallback, useSyncExternalStore } from 'react';

/** The QA view lives in the URL hash (#qa, #qa=<batch id>), so a reload returns to the same batch. */
const read = (): { open: boolean; batchId: string | null } => {
  const m = /^#qa(?:=([A-Za-z0-9_-]+))?$/.exec(window.location.hash);
  return { open: m !== null, batchId: m?.[1] ?? null };
};

const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function useQaRoute() {
  const hash = useSyncExternalStore(subscribe, () => window.location.hash);
  void hash;
  const state = read();
  const go = useCallback((batchId?: string | null) => {
    window.location.hash = batchId ? `qa=${batchId}` : 'qa';
  }, []);
  const close = useCallback(() => {
    history.pushState(null, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  return { ...state, go, close };
}
