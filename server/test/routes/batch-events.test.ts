import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Batch, BatchCellEvent, ErrorBody, isTerminal } from '../../src/contract/index.ts';
import { startHarness, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';
import { SseReader } from '../support/sse.ts';

let h: Harness;
let ids: { imageId: string; maskId: string };
beforeAll(async () => {
  h = await startHarness({ sseHeartbeatMs: 60_000 });
  const image = await uploadImage(h.app, await texturedPng(40, 32));
  const mask = await uploadImage(h.app, await rectMaskPng(40, 32, { x: 10, y: 8, w: 12, h: 10 }));
  ids = { imageId: image.body.id, maskId: mask.body.id };
});
afterAll(() => h?.cleanup());

async function createBatch(prompts: string[], seeds: number[]): Promise<Batch> {
  const res = await h.app.request('/api/batches', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ ...ids, prompts, seeds, providers: ['local'] }),
  });
  expect(res.status).toBe(201);
  return Batch.parse(await res.json());
}

/** `event: x\ndata: …\nid: n` → its parts. */
function parse(frame: string) {
  const field = (name: string) =>
    frame
      .split('\n')
      .find((l) => l.startsWith(`${name}: `))
      ?.slice(name.length + 2);
  return { event: field('event'), data: JSON.parse(field('data') ?? 'null') as unknown, id: field('id') };
}

describe('GET /api/batches/:id/events', () => {
  it('sends the batch, then one small frame per cell transition, then end once every cell is final', async () => {
    const batch = await createBatch(['a', 'b'], [1, 2]);
    const res = await h.app.request(`/api/batches/${batch.id}/events`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/event-stream/);
    const sse = new SseReader(res);
    const first = parse((await sse.next())!);
    expect(first).toMatchObject({ event: 'batch', id: '0' });
    const snapshot = Batch.parse(first.data);
    expect(snapshot.cells.map((c) => c.id)).toEqual(['c0', 'c1', 'c2', 'c3']);

    const last = new Map(snapshot.cells.map((c) => [c.id, c.job!]));
    const ids: number[] = [0];
    for (;;) {
      const frame = parse((await sse.next(30_000))!);
      ids.push(Number(frame.id));
      if (frame.event === 'end') break;
      expect(frame.event).toBe('cell');
      // Only the cell that changed, never the whole batch.
      expect(Object.keys(frame.data as object).sort()).toEqual(['cellId', 'job']);
      const { cellId, job } = BatchCellEvent.parse(frame.data);
      expect(job.id).toBe(batch.cells.find((c) => c.id === cellId)!.jobId);
      expect(job.revision).toBeGreaterThan(last.get(cellId)!.revision);
      last.set(cellId, job);
    }
    expect(ids).toEqual(ids.map((_, i) => i));
    for (const job of last.values()) {
      expect(job.status).toBe('succeeded');
      expect(job.outputs).toHaveLength(1);
    }
    expect(await sse.next()).toBeNull();
  }, 60_000);

  it('a finished batch: the snapshot, then end at once', async () => {
    const batch = await createBatch(['c'], [3]);
    for (const cell of batch.cells) await waitForJob(h.app, cell.jobId);
    const sse = new SseReader(await h.app.request(`/api/batches/${batch.id}/events`));
    const snapshot = Batch.parse(parse((await sse.next())!).data);
    expect(snapshot.cells.every((c) => c.job && isTerminal(c.job.status))).toBe(true);
    expect(parse((await sse.next())!).event).toBe('end');
    expect(await sse.next()).toBeNull();
  }, 30_000);

  it('404 for an unknown batch, 400 for a malformed id', async () => {
    const missing = await h.app.request('/api/batches/nope/events');
    expect(missing.status).toBe(404);
    expect(ErrorBody.parse(await missing.json()).error.code).toBe('not_found');
    expect((await h.app.request('/api/batches/a.b/events')).status).toBe(400);
  });
});
