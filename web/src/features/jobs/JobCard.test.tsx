import type { Job, ProviderInfo } from '@maskfill/server/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { TestEditor } from '../../editor/TestEditor.ts';
import { resetResultView, setFeather, useResultStore } from '../results/resultStore.ts';
import { JobCard } from './JobCard.tsx';

const A = 'a'.repeat(64);
const C = 'c'.repeat(64);
const H = 'd'.repeat(64);

const fal: ProviderInfo = {
  id: 'fal',
  label: 'fal FLUX.1 pro Fill',
  available: true,
  sizes: null,
  anySize: false,
  maxVariations: 4,
  promptRequired: true,
  usesPrompt: true,
  supports: { negativePrompt: false, seeds: true, locale: false, cancel: 'before_start' },
  options: [],
};

function renderCard(job: Job, routes: Record<string, unknown> = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      const body = url === '/api/providers' ? { default: 'local', providers: [fal] } : (routes[url] ?? job);
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    }),
  );
  vi.stubGlobal(
    'EventSource',
    class extends EventTarget {
      close() {}
    },
  );
  const editor = new TestEditor(8, 8);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <EditorProvider editor={editor}>
        <JobCard id={job.id} />
      </EditorProvider>
    </QueryClientProvider>,
  );
  return editor;
}

const base: Job = {
  id: 'job_f',
  provider: 'fal',
  status: 'running',
  revision: 2,
  createdAt: new Date().toISOString(),
  startedAt: new Date().toISOString(),
  request: { provider: 'fal', imageId: A, maskId: A, prompt: 'a lamp', seeds: [5] },
  outputs: [],
  notes: ['fal: queue position 0', 'fal: inference started'],
};

/** The base job, finished with these outputs (each a seed-5 8 × 8 result over `A` plus `extra`). */
const succeeded = (...extra: Partial<Job['outputs'][number]>[]): Job => ({
  ...base,
  status: 'succeeded',
  finishedAt: new Date().toISOString(),
  outputs: extra.map((o) => ({ imageId: A, url: `/api/images/${A}`, seed: 5, width: 8, height: 8, ...o })),
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  resetResultView();
});

describe('JobCard', () => {
  it('says honestly that fal cannot cancel a request that has started, and shows its logs', async () => {
    renderCard(base);
    expect(await screen.findByText(/can cancel only requests that have not started/)).toBeTruthy();
    expect(screen.getByText('fal: inference started')).toBeTruthy();
  });

  it('marks a flagged output, shows the composite by default and the leak figure', async () => {
    const editor = renderCard(
      succeeded({
        nsfw: true,
        composite: { imageId: C, url: `/api/images/${C}`, featherPx: 2 },
        leak: {
          changedFraction: 0.1234,
          threshold: 16,
          outsidePixels: 50,
          heatmapImageId: H,
          heatmapUrl: `/api/images/${H}`,
        },
      }),
    );
    expect(await screen.findByText('Flagged (NSFW)')).toBeTruthy();
    const thumb = screen.getByRole('img', { name: 'Result 1 (seed 5)' });
    expect(thumb.getAttribute('src')).toBe(`/api/images/${C}`);
    expect(screen.queryByText(/can cancel only/)).toBeNull();

    fireEvent.click(screen.getByRole('button', { name: 'View Result 1 (seed 5)' }));
    expect(editor.state.preview?.url).toBe(`/api/images/${C}`);
    // The details panel is a lazily loaded chunk: it appears once that import resolves.
    expect((await screen.findByTestId('leak-figure')).textContent).toMatch(/12\.3 %/);
    expect(screen.getByRole('alert').textContent).toMatch(/fal’s safety checker flagged this image/);

    fireEvent.click(screen.getByRole('radio', { name: 'Raw' }));
    expect(editor.state.preview?.url).toBe(`/api/images/${A}`);
    expect(useResultStore.getState().view).toBe('raw');

    fireEvent.click(screen.getByRole('button', { name: 'Use as new source' }));
    expect(editor.state.image?.id).toBe(A);
    expect(editor.state.preview).toBeNull();
  });

  it('thumbnail and its download follow the feather chosen for the job, not the stored composite', async () => {
    const F = 'f'.repeat(64);
    setFeather('job_f', 12);
    renderCard(succeeded({ composite: { imageId: C, url: `/api/images/${C}`, featherPx: 2 } }), {
      '/api/jobs/job_f/outputs/0/composite?featherPx=12': {
        imageId: F,
        url: `/api/images/${F}`,
        featherPx: 12,
      },
    });
    const thumb = await screen.findByRole('img', { name: 'Result 1 (seed 5)' });
    await vi.waitFor(() => expect(thumb.getAttribute('src')).toBe(`/api/images/${F}`));
    const download = screen.getByRole('link', { name: 'Download result 1' });
    expect(download.getAttribute('href')).toBe(`/api/images/${F}`);
  });
});
