import { describe, expect, it, vi } from 'vitest';
import { watchJob } from './jobEvents.ts';

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
  frame(data: unknown) {
    this.dispatchEvent(new MessageEvent('job', { data: JSON.stringify(data) }));
  }
}

const frame = (status: string, revision: number) => ({
  id: 'job_1',
  provider: 'local',
  status,
  revision,
  createdAt: '2026-11-29T20:00:00.000Z',
  request: { provider: 'local', imageId: 'a'.repeat(64), maskId: 'a'.repeat(64) },
  outputs: [],
});

describe('watchJob', () => {
  it('parses job frames and closes after a terminal one', () => {
    const onJob = vi.fn();
    watchJob('job_1', { onJob }, { EventSourceImpl: FakeEventSource as unknown as typeof EventSource });
    const es = FakeEventSource.last!;
    expect(es.url).toBe('/api/jobs/job_1/events');
    es.frame(frame('running', 1));
    expect(es.readyState).toBe(1);
    es.frame(frame('succeeded', 2));
    expect(onJob.mock.calls.map((c) => c[0].status)).toEqual(['running', 'succeeded']);
    expect(es.readyState).toBe(FakeEventSource.CLOSED);
  });

  it('reports malformed frames and a stream that gave up', () => {
    const onJob = vi.fn();
    const onError = vi.fn();
    watchJob(
      'job_1',
      { onJob, onError },
      { EventSourceImpl: FakeEventSource as unknown as typeof EventSource },
    );
    const es = FakeEventSource.last!;
    es.frame({ nonsense: true });
    expect(onJob).not.toHaveBeenCalled();
    expect(onError).toHaveBeenCalledWith('Received a malformed job update.');
    es.readyState = FakeEventSource.CLOSED;
    es.dispatchEvent(new Event('error'));
    expect(onError).toHaveBeenLastCalledWith('Lost the live connection to the job.');
  });
});
