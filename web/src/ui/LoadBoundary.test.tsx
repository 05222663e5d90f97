import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { LoadBoundary, isChunkLoadError } from './LoadBoundary.tsx';
import { lazyView } from './lazyView.ts';

afterEach(() => {
  cleanup();
  vi.restoreAllMocks();
});

// What Chromium and Firefox throw when a chunk is gone (e.g. deleted by a redeploy).
const chromeError = new TypeError(
  'Failed to fetch dynamically imported module: http://127.0.0.1/assets/QaView-hkXbMNpf.js',
);
const firefoxError = new TypeError('error loading dynamically imported module');

function Hello({ who }: { who: string }) {
  return <p>hello {who}</p>;
}

describe('isChunkLoadError', () => {
  it('recognises the browsers’ failed dynamic import errors and nothing else', () => {
    expect(isChunkLoadError(chromeError)).toBe(true);
    expect(isChunkLoadError(firefoxError)).toBe(true);
    expect(isChunkLoadError(new TypeError('Importing a module script failed.'))).toBe(true);
    expect(isChunkLoadError(new Error('x is undefined'))).toBe(false);
    expect(isChunkLoadError('Failed to fetch dynamically imported module')).toBe(false);
  });
});

describe('LoadBoundary with lazyView', () => {
  it('shows the fallback while the chunk loads, then the view', async () => {
    let resolve!: (m: { Hello: typeof Hello }) => void;
    const View = lazyView(() => new Promise<{ Hello: typeof Hello }>((r) => (resolve = r)), 'Hello');
    render(
      <LoadBoundary name="Hello" fallback={<p>loading…</p>}>
        <View who="world" />
      </LoadBoundary>,
    );
    expect(screen.getByText('loading…')).toBeTruthy();
    resolve({ Hello });
    expect(await screen.findByText('hello world')).toBeTruthy();
    expect(screen.queryByText('loading…')).toBeNull();
  });

  it('fetches the chunk once for a preload and the render', async () => {
    const load = vi.fn(async () => ({ Hello }));
    const View = lazyView(load, 'Hello');
    View.preload();
    View.preload();
    render(
      <LoadBoundary name="Hello" fallback={null}>
        <View who="again" />
      </LoadBoundary>,
    );
    expect(await screen.findByText('hello again')).toBeTruthy();
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('turns a chunk that cannot be fetched into a readable notice with Reload and Close', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const View = lazyView((): Promise<{ Hello: typeof Hello }> => Promise.reject(chromeError), 'Hello');
    View.preload(); // a failed preload is not an unhandled rejection
    const onReload = vi.fn();
    const onClose = vi.fn();
    render(
      <LoadBoundary name="Prompt QA" fallback={<p>loading…</p>} onReload={onReload} onClose={onClose}>
        <View who="nobody" />
      </LoadBoundary>,
    );
    const alert = await screen.findByRole('alert');
    expect(alert.textContent).toContain('Could not load Prompt QA.');
    expect(alert.textContent).toContain('Reload to get the current version');
    fireEvent.click(screen.getByRole('button', { name: 'Reload' }));
    expect(onReload).toHaveBeenCalledTimes(1);
    fireEvent.click(screen.getByRole('button', { name: 'Close' }));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('shows a render error inside the view with its message instead of unmounting the page', () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    function Broken(): never {
      throw new Error('grid state is corrupt');
    }
    render(
      <div>
        <p>studio header</p>
        <LoadBoundary name="Prompt QA" fallback={null}>
          <Broken />
        </LoadBoundary>
      </div>,
    );
    expect(screen.getByRole('alert').textContent).toContain('Prompt QA stopped working.');
    expect(screen.getByRole('alert').textContent).toContain('grid state is corrupt');
    expect(screen.getByText('studio header')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Close' })).toBeNull();
  });
});
