import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHarness, H, inHole, last, pollToEnd, W, type Harness } from './harness.ts';

let h: Harness;
beforeEach(async () => {
  h = await createHarness();
});
afterEach(() => h.close());

const submits = () =>
  h.emu.requests.filter((r) => r.method === 'POST' && r.path === '/fal-ai/flux-pro/v1/fill');
const initiates = () => h.emu.requests.filter((r) => r.path === '/storage/upload/initiate');

describe('fal provider: happy path', () => {
  it('fills 4 images through the queue, stores them, and the pixels are a real fill', async () => {
    h.emu.script({ queuePolls: 0, progressPolls: 0 });
    const ref = await h.provider.submit(
      h.input({
        seeds: [7, 8, 9, 10],
        options: { output_format: 'png', safety_tolerance: '4', enhance_prompt: true },
      }),
    );
    const body = submits()[0]?.body as Record<string, unknown>;
    expect(body).toMatchObject({
      prompt: 'a mossy stone',
      num_images: 4,
      seed: 7,
      output_format: 'png',
      safety_tolerance: '4',
      enhance_prompt: true,
    });
    expect(String(body.image_url)).toMatch(new RegExp(`^${h.emu.url}/files/in/`));
    expect(String(body.mask_url)).toMatch(new RegExp(`^${h.emu.url}/files/in/`));
    expect(submits()[0]?.headers.authorization).toBe(`Key ${h.emu.key}`);

    const result = last(await pollToEnd(h.provider, ref));
    if (result.state !== 'succeeded') throw new Error(`expected success, got ${JSON.stringify(result)}`);
    expect(result.outputs).toHaveLength(4);
    expect(new Set(result.outputs.map((o) => o.imageId)).size).toBe(4);
    expect(result.notes).toContain('fal timings: inference 0.42 s');

    const source = await sharp(await readFile(h.image.path))
      .raw()
      .ensureAlpha()
      .toBuffer();
    for (const out of result.outputs) {
      expect(out).toMatchObject({ seed: 7, width: W, height: H, url: `/api/images/${out.imageId}` });
      expect(out.nsfw).toBeUndefined();
      const stored = h.sink.stored.get(out.imageId);
      expect(stored?.contentType).toBe('image/png');
      const px = await sharp(await readFile(stored!.path))
        .ensureAlpha()
        .raw()
        .toBuffer();
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = (y * W + x) * 4;
          // Outside the mask the source is kept exactly; inside, the green square is filled away.
          if (!inHole(x, y)) expect(px.subarray(i, i + 4)).toEqual(source.subarray(i, i + 4));
          else expect(px[i + 1]).toBeLessThan(90);
        }
      }
    }
    // Results came from the allowed host without our key.
    const downloads = h.emu.requests.filter((r) => r.path.startsWith('/files/out/'));
    expect(downloads).toHaveLength(4);
    for (const d of downloads) expect(d.headers.authorization).toBeUndefined();
  });

  it('uploads each image once (initiate → PUT without our key) and reuses the URL for later jobs', async () => {
    h.emu.script({ queuePolls: 0, progressPolls: 0 });
    await h.provider.submit(h.input());
    await Promise.all([h.provider.submit(h.input()), h.provider.submit(h.input())]);
    expect(initiates()).toHaveLength(2);
    expect(initiates().map((r) => (r.body as { content_type: string }).content_type)).toEqual([
      'image/png',
      'image/png',
    ]);
    expect(initiates()[0]?.headers['x-fal-object-lifecycle']).toBe('{"expiration_duration_seconds":86400}');
    const puts = h.emu.requests.filter((r) => r.method === 'PUT' && r.path.startsWith('/upload/'));
    expect(puts).toHaveLength(2);
    for (const put of puts) expect(put.headers.authorization).toBeUndefined();
    const urls = submits().map((s) => (s.body as { image_url: string }).image_url);
    expect(new Set(urls).size).toBe(1);
  });

  it('reports IN_QUEUE (position) → IN_PROGRESS (new log lines only) → COMPLETED', async () => {
    h.emu.script({ queuePolls: 3, progressPolls: 3 });
    const ref = await h.provider.submit(h.input());
    const results = await pollToEnd(h.provider, ref);
    expect(results.map((r) => r.state)).toEqual([
      'queued',
      'queued',
      'queued',
      'running',
      'running',
      'running',
      'succeeded',
    ]);
    expect(results.slice(0, 3).map((r) => (r.state === 'queued' ? r.queuePosition : -1))).toEqual([2, 1, 0]);
    const notes = results.flatMap((r) => ('notes' in r && r.notes) || []);
    expect(notes.filter((n) => n.startsWith('fal: '))).toEqual([
      'fal: Starting FLUX.1 [pro] Fill',
      'fal: Step 1/3',
      'fal: Step 2/3',
      'fal: Step 3/3',
      'fal: Done',
      'fal: inference took 0.42 s',
    ]);
    const polls = h.emu.requests.filter((r) => r.path.endsWith('/status'));
    // Status lives under the app, without the /v1/fill sub-path, and asks for logs.
    expect(
      polls.every((p) => p.path === `/fal-ai/flux-pro/requests/${ref.id}/status` && p.query.logs === '1'),
    ).toBe(true);
  });

  it('marks outputs flagged by the safety checker as nsfw', async () => {
    h.emu.script({ queuePolls: 0, progressPolls: 0, nsfw: [false, true] });
    const ref = await h.provider.submit(h.input({ seeds: [1, 2] }));
    const result = last(await pollToEnd(h.provider, ref));
    if (result.state !== 'succeeded') throw new Error(JSON.stringify(result));
    expect(result.outputs.map((o) => o.nsfw)).toEqual([undefined, true]);
    expect(result.notes?.some((n) => n.includes('flagged output 2'))).toBe(true);
  });

  it('a fresh provider given the persisted ref resumes the same request id', async () => {
    h.emu.script({ queuePolls: 1, progressPolls: 2 });
    const ref = await h.provider.submit(h.input());
    const persisted = JSON.parse(JSON.stringify(ref)) as typeof ref;
    expect((await h.provider.poll(ref, new AbortController().signal)).state).toBe('queued');
    const result = last(await pollToEnd(h.restart(), persisted));
    expect(result.state).toBe('succeeded');
    expect(submits()).toHaveLength(1);
    const ids = new Set(
      h.emu.requests.filter((r) => r.path.includes('/requests/')).map((r) => r.path.split('/')[4]),
    );
    expect([...ids]).toEqual([ref.id]);
  });
});
