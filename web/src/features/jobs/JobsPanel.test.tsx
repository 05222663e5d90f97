import type { Job } from '@maskfill/server/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { TestEditor } from '../../editor/TestEditor.ts';
import { JobsPanel } from './JobsPanel.tsx';

class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static all: FakeEventSource[] = [];
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.all.push(this);
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  send(job: Job) {
    act(() => {
      this.dispatchEvent(new MessageEvent('job', { data: JSON.stringify(job) }));
    });
  }
}

const id = 'a'.repeat(64);
const queued: Job = {
  id: 'job_1',
  provider: 'local',
  status: 'queued',
  revision: 0,
  createdAt: new Date().toISOString(),
  request: { provider: 'local', imageId: id, maskId: id, prompt: 'a quiet lake' },
  queuePosition: 0,
  outputs: [],
};

function setup(jobs: Job[]) {
  const fetch = vi.fn(async (url: string, init?: RequestInit) => {
    const body = url.endsWith('/cancel')
      ? { ...jobs[0], status: 'cancelled', revision: 9 }
      : { jobs, nextCursor: null };
    expect(init?.method ?? 'GET').toBe(url.endsWith('/cancel') ? 'POST' : 'GET');
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal('EventSource', FakeEventSource);
  FakeEventSource.all = [];
  const editor = new TestEditor(8, 8);
  render(
    <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <EditorProvider editor={editor}>
        <JobsPanel />
      </EditorProvider>
    </QueryClientProvider>,
  );
  return { fetch, editor };
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
});

describe('JobsPanel', () => {
  it('follows a live job over SSE to its results, and previews one on the canvas', async () => {
    const { editor } = setup([queued]);
    await screen.findByText('In queue, position 1');
    expect(screen.getByRole('button', { name: 'Cancel' })).toBeTruthy();
    const es = FakeEventSource.all[0]!;
    expect(es.url).toBe('/api/jobs/job_1/events');

    es.send({ ...queued, status: 'running', revision: 1, progress: 0.5, queuePosition: undefined });
    expect((await screen.findByRole('progressbar')).getAttribute('aria-valuenow')).toBe('50');
    // An older frame (a reconnect replay) never overwrites a newer state.
    es.send({ ...queued, revision: 0 });
    await new Promise((r) => setTimeout(r, 20));
    expect(screen.getByRole('status').textContent).toBe('running');

    es.send({
      ...queued,
      status: 'succeeded',
      revision: 2,
      finishedAt: new Date().toISOString(),
      outputs: [{ imageId: id, url: `/api/images/${id}`, seed: 7, width: 8, height: 8 }],
    });
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
    await screen.findByRole('link', { name: 'Download result 1' });
    expect(screen.queryByRole('button', { name: 'Cancel' })).toBeNull();
    expect(screen.getByRole('link', { name: 'Download result 1' }).getAttribute('href')).toBe(
      `/api/images/${id}`,
    );
    fireEvent.click(screen.getByRole('button', { name: 'View Result 1 (seed 7)' }));
    expect(editor.state.preview).toMatchObject({ url: `/api/images/${id}`, width: 8 });
  });

  it('cancels a live job and shows failures readably', async () => {
    const failed: Job = {
      ...queued,
      id: 'job_2',
      status: 'failed',
      revision: 3,
      error: { code: 'upstream_error', message: 'The provider timed out.', retryable: true },
    };
    const { fetch } = setup([queued, failed]);
    await screen.findByText('The provider timed out.');
    expect(FakeEventSource.all.map((e) => e.url)).toEqual(['/api/jobs/job_1/events']);
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await waitFor(() =>
      expect(screen.getAllByRole('status').map((s) => s.textContent)).toEqual(['cancelled', 'failed']),
    );
    expect(fetch).toHaveBeenCalledWith('/api/jobs/job_1/cancel', expect.objectContaining({ method: 'POST' }));
  });

  it('pages in older jobs from the cursor', async () => {
    const done = (n: number): Job => ({
      ...queued,
      id: `job_${n}`,
      status: 'succeeded',
      revision: 2,
      request: { ...queued.request, prompt: `prompt ${n}` },
    });
    const fetch = vi.fn(async (url: string) => {
      const body = url.includes('cursor=c1')
        ? { jobs: [done(2)], nextCursor: null }
        : { jobs: [done(1)], nextCursor: 'c1' };
      return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
    });
    vi.stubGlobal('fetch', fetch);
    render(
      <QueryClientProvider client={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
        <EditorProvider editor={new TestEditor(8, 8)}>
          <JobsPanel />
        </EditorProvider>
      </QueryClientProvider>,
    );
    await screen.findByText('prompt 1');
    fireEvent.click(screen.getByRole('button', { name: 'Show older jobs' }));
    await screen.findByText('prompt 2');
    expect(fetch.mock.calls.map((c) => c[0])).toContain('/api/jobs?limit=30&cursor=c1');
    expect(screen.queryByRole('button', { name: 'Show older jobs' })).toBeNull();
  });
});
