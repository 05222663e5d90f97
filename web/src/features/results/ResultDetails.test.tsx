import type { Job, JobOutput } from '@maskfill/server/contract';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { EditorProvider } from '../../canvas/EditorContext.tsx';
import { TestEditor } from '../../editor/TestEditor.ts';
import { JobCard } from '../jobs/JobCard.tsx';
import { jobListQuery } from '../queries.ts';
import { Workspace } from '../tabs/workspace.ts';
import { loadFeathers, saveFeathers } from './featherMemory.ts';
import { resetResultView, useResultStore } from './resultStore.ts';

const id = (c: string) => c.repeat(64);
const output = (c: string, seed: number, w = 8, h = 8): JobOutput => ({
  imageId: id(c),
  url: `/api/images/${id(c)}`,
  seed,
  width: w,
  height: h,
  composite: {
    imageId: id(c === 'a' ? 'c' : 'e'),
    url: `/api/images/${id(c === 'a' ? 'c' : 'e')}`,
    featherPx: 2,
  },
});
const job = (jobId: string, outputs: JobOutput[], prompt: string): Job => ({
  id: jobId,
  provider: 'local',
  status: 'succeeded',
  revision: 3,
  createdAt: '2026-01-01T10:00:00.000Z',
  finishedAt: '2026-01-01T10:00:05.000Z',
  request: { provider: 'local', imageId: id('1'), maskId: id('2'), prompt },
  outputs,
});

const first = job('job_1', [output('a', 5)], 'a lamp');
const second = job('job_2', [output('b', 9)], 'a vase');
const wide = job('job_3', [output('f', 1, 16, 8)], 'wide');
const FEATHERED = id('9');

function renderCard() {
  const fetch = vi.fn(async (url: string) => {
    const body =
      url === '/api/providers'
        ? { default: 'local', providers: [] }
        : url.startsWith('/api/jobs?')
          ? { jobs: [first, second, wide], nextCursor: null }
          : url.includes('/composite?featherPx=6')
            ? { imageId: FEATHERED, url: `/api/images/${FEATHERED}`, featherPx: 6 }
            : url === '/api/jobs/job_2'
              ? second
              : url === '/api/jobs/job_3'
                ? wide
                : first;
    return new Response(JSON.stringify(body), { headers: { 'Content-Type': 'application/json' } });
  });
  vi.stubGlobal('fetch', fetch);
  vi.stubGlobal(
    'EventSource',
    class extends EventTarget {
      close() {}
    },
  );
  const editor = new TestEditor(8, 8);
  const qc = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <QueryClientProvider client={qc}>
      <EditorProvider editor={editor}>
        <JobCard id="job_1" />
      </EditorProvider>
    </QueryClientProvider>,
  );
  return { editor, fetch, qc };
}

/** The composite re-makes the page asked the server for, in order. */
const compositeRequests = (fetch: ReturnType<typeof renderCard>['fetch']) =>
  fetch.mock.calls.map(([u]) => u).filter((u) => u.includes('/composite'));

/** Collects the href of every download link the page clicks from now on. */
function recordDownloads(): string[] {
  const saved: string[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    saved.push(this.getAttribute('href')!);
  });
  return saved;
}

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  resetResultView();
  useResultStore.setState({ feather: {} });
  localStorage.clear();
});

describe('ResultDetails', () => {
  it('feather: a new value asks the server once it settles, then the canvas, PNG and ZIP use it', async () => {
    const { editor, fetch } = renderCard();
    fireEvent.click(await screen.findByRole('button', { name: 'View Result 1 (seed 5)' }));
    expect(editor.state.preview?.url).toBe(`/api/images/${id('c')}`);
    // The details may load on demand (a lazy chunk): wait for them.
    const slider = await screen.findByRole('slider', { name: 'Composite feather (px)' });
    expect((slider as HTMLInputElement).value).toBe('2');

    fireEvent.change(slider, { target: { value: '4' } });
    fireEvent.change(slider, { target: { value: '6' } });
    expect(screen.getByTestId('feather-value').textContent).toBe('6 px');
    // Debounced: only the settled value reaches the server.
    await waitFor(() => expect(editor.state.preview?.url).toBe(`/api/images/${FEATHERED}`));
    const asked = compositeRequests(fetch);
    expect(asked).toEqual(['/api/jobs/job_1/outputs/0/composite?featherPx=6']);

    const saved = recordDownloads();
    fireEvent.click(screen.getByRole('button', { name: 'PNG' }));
    fireEvent.click(screen.getByRole('button', { name: 'Job ZIP' }));
    expect(saved).toEqual([`/api/images/${FEATHERED}`, '/api/jobs/job_1/zip?featherPx=6']);
  });

  it('a feather chosen before a reload: the slider shows it; canvas, new source and ZIP use it', async () => {
    saveFeathers({ job_1: 6 });
    useResultStore.setState({ feather: loadFeathers() }); // what the store starts with after a reload
    const { editor, fetch } = renderCard();
    fireEvent.click(await screen.findByRole('button', { name: 'View Result 1 (seed 5)' }));
    expect((await screen.findByTestId('feather-value')).textContent).toBe('6 px');
    expect((screen.getByRole('slider', { name: 'Composite feather (px)' }) as HTMLInputElement).value).toBe(
      '6',
    );
    await waitFor(() => expect(editor.state.preview?.url).toBe(`/api/images/${FEATHERED}`));
    const asked = compositeRequests(fetch);
    expect(asked).toEqual(['/api/jobs/job_1/outputs/0/composite?featherPx=6']);
    const saved = recordDownloads();
    fireEvent.click(screen.getByRole('button', { name: 'Job ZIP' }));
    expect(saved).toEqual(['/api/jobs/job_1/zip?featherPx=6']);
    fireEvent.click(screen.getByRole('button', { name: 'Use as new source' }));
    expect(editor.state.image).toMatchObject({ id: FEATHERED, url: `/api/images/${FEATHERED}` });
  });

  it('"Use as new source" opens a tab named after the source tab and the provider', async () => {
    const { editor } = renderCard();
    const ws = new Workspace(editor);
    const detach = ws.attach();
    act(() =>
      ws.open({ id: id('1'), width: 8, height: 8, url: `/api/images/${id('1')}`, name: 'beach.jpg' }),
    );
    fireEvent.click(await screen.findByRole('button', { name: 'View Result 1 (seed 5)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use as new source' }));
    fireEvent.click(await screen.findByRole('button', { name: 'View Result 1 (seed 5)' }));
    fireEvent.click(await screen.findByRole('button', { name: 'Use as new source' }));
    expect(ws.state.tabs.map((t) => t.name)).toEqual([
      'beach.jpg',
      'beach.jpg · Local #1',
      'beach.jpg · Local #2',
    ]);
    expect(editor.state.image?.id).toBe(id('c'));
    detach();
  });

  it('side by side with a result of another job of the same shape (not one of another shape)', async () => {
    const { editor, qc } = renderCard();
    // The jobs list has been loaded by the panel.
    await act(async () => {
      await qc.fetchQuery(jobListQuery(qc));
    });
    fireEvent.click(await screen.findByRole('button', { name: 'View Result 1 (seed 5)' }));
    const select = await screen.findByRole('combobox', { name: 'Compare side by side with' });
    const group = within(select).getByRole('group', { name: 'Other jobs' });
    const options = within(group).getAllByRole('option');
    expect(options.map((o) => o.textContent)).toEqual([
      expect.stringMatching(/^local “a vase” .+ · Result 1 \(seed 9\)$/),
    ]);
    fireEvent.change(select, { target: { value: 'job_2:0' } });
    expect(useResultStore.getState()).toMatchObject({
      against: { url: `/api/images/${id('e')}` },
      split: 0.5,
    });
    // This job's result stays on the canvas; the other one is the left of the split.
    expect(editor.state.preview?.url).toBe(`/api/images/${id('c')}`);
  });
});
