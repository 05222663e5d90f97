import type { Batch, Job } from '@maskfill/server/contract';
import { describe, expect, it, vi } from 'vitest';
import { applyCell, mergeBatch, watchBatch } from './batchEvents.ts';

class FakeEventSource extends EventTarget {
  static readonly CLOSED = 2;
  static last: FakeEventSource | null = null;
  readyState = 1;
  constructor(readonly url: string) {
    super();
    FakeEventSource.last = this;
  }
  close() {
    this.readyState = FakeEventSource.CLOSED;
  }
  send(event: string, data: unknown) {
    this.dispatchEvent(
      new MessageEvent(event, { data: typeof data === 'string' ? data : JSON.stringify(data) }),
    );
  }
}

const A = 'a'.repeat(64);
const job = (id: string, status: Job['status'], revision: number): Job => ({
  id,
  provider: 'local',
  status,
  revision,
  createdAt: '2026-11-29T20:00:00.000Z',
  request: { provider: 'local', imageId: A, maskId: A },
  outputs: [],
});
const batch = (jobs: Job[], marks: ('pass' | 'fail' | null)[] = []): Batch => ({
  id: 'b1',
  name: 'QA',
  createdAt: '2026-11-29T20:00:00.000Z',
  request: { imageId: A, maskId: A, prompts: ['x'], seeds: jobs.map((_, i) => i), providers: ['local'] },
  rerunOf: null,
  cells: jobs.map((j, i) => ({
    id: `c${i}`,
    prompt: 'x',
    seed: i,
    provider: 'local',
    jobId: j.id,
    mark: marks[i] ?? null,
    note: '',
    job: j,
  })),
});

describe('watchBatch', () => {
  it('hands over the snapshot and each cell frame, parsed; closes on end', () => {
    const onBatch = vi.fn();
    const onCell = vi.fn();
    const onError = vi.fn();
    watchBatch(
      'b1',
      { onBatch, onCell, onError },
      { EventSourceImpl: FakeEventSource as unknown as typeof EventSource },
    );
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/batches/b1/events');
    es.send('batch', batch([job('j0', 'queued', 0)]));
    es.send('cell', { cellId: 'c0', job: job('j0', 'running', 1) });
    es.send('cell', '{"cellId":"c0"}');
    expect(onBatch.mock.calls[0]![0].cells).toHaveLength(1);
    expect(onCell.mock.calls.map((c) => c[0].job.status)).toEqual(['running']);
    expect(onError).toHaveBeenCalledWith('Received a malformed batch update.');
    expect(es.readyState).toBe(1);
    es.send('end', '{}');
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
  });
});

describe('applyCell / mergeBatch', () => {
  it('applies a newer job to its cell only, and ignores an older one', () => {
    const b = batch([job('j0', 'queued', 0), job('j1', 'queued', 0)]);
    const next = applyCell(b, { cellId: 'c1', job: job('j1', 'succeeded', 3) });
    expect(next.cells.map((c) => c.job?.status)).toEqual(['queued', 'succeeded']);
    expect(next.cells[0]).toBe(b.cells[0]);
    expect(applyCell(next, { cellId: 'c1', job: job('j1', 'running', 2) })).toBe(next);
    expect(applyCell(next, { cellId: 'c9', job: job('j9', 'running', 2) })).toBe(next);
  });

  it('takes marks from a mark’s answer but never rolls a job back to an older revision', () => {
    const cached = batch([job('j0', 'succeeded', 3), job('j1', 'running', 1)]);
    const answer = batch([job('j0', 'running', 1), job('j1', 'succeeded', 2)], ['pass', null]);
    const merged = mergeBatch(cached, answer);
    expect(merged.cells.map((c) => [c.mark, c.job?.status, c.job?.revision])).toEqual([
      ['pass', 'succeeded', 3],
      [null, 'succeeded', 2],
    ]);
    expect(mergeBatch(undefined, answer)).toBe(answer);
  });
});
