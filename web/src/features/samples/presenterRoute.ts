import { useCallback, useSyncExternalStore } from 'react';

/** The presenter view lives in the URL hash (#present), so a reload during a demo stays in it. */
const subscribe = (cb: () => void) => {
  window.addEventListener('hashchange', cb);
  return () => window.removeEventListener('hashchange', cb);
};

export function usePresenterRoute() {
  const open = useSyncExternalStore(subscribe, () => window.location.hash === '#present');
  const show = useCallback(() => {
    window.location.hash = 'present';
  }, []);
  const close = useCallback(() => {
    history.pushState(null, '', window.location.pathname + window.location.search);
    window.dispatchEvent(new HashChangeEvent('hashchange'));
  }, []);
  return { open, show, close };
}
