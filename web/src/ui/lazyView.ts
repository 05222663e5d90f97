import { lazy, type ComponentType } from 'react';

type Lazy<M, K extends keyof M> = M[K] & { preload: () => void };

/**
 * `React.lazy` for a named export, plus `preload()` to start fetching before the view is needed
 * (on hover, or when the browser is idle after the first paint). One shared promise: a preload and the
 * render fetch the chunk once. A failed fetch is not retried here; LoadBoundary offers a reload.
 */
export function lazyView<M, K extends keyof M>(load: () => Promise<M>, name: K): Lazy<M, K> {
  let pending: Promise<M> | null = null;
  const fetchOnce = () => (pending ??= load());
  // A failed preload is reported when the view renders (through LoadBoundary), not as an unhandled rejection.
  const preload = () => void fetchOnce().catch(() => undefined);
  const View = lazy(async () => ({ default: (await fetchOnce())[name] as ComponentType<object> }));
  return Object.assign(View, { preload }) as unknown as Lazy<M, K>;
}

/** Runs `task` once the browser is idle (after the first paint), or after `ms` where there is no idle API. */
export function whenIdle(task: () => void, ms = 1500): void {
  if ('requestIdleCallback' in window) window.requestIdleCallback(task, { timeout: ms });
  else setTimeout(task, ms);
}
