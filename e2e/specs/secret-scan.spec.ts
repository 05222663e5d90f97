import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { expect, test } from '../support/fixtures.ts';
import { stackScanInfo, type Recorded } from '../support/recorder.ts';

/**
 * Runs last (its Playwright project depends on the studio project): after every other spec has driven
 * the studio, no credential the server holds — the Firefly client secret, every IMS bearer token the
 * emulator issued, the fal key, MASKFILL_ACCESS_TOKEN when set — appears in any HTTP response or SSE
 * frame a page received, in the built web app, in the server's log, or in any file under DATA_DIR.
 */

async function walk(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const nested = await Promise.all(
    entries.map((e) => (e.isDirectory() ? walk(join(dir, e.name)) : Promise.resolve([join(dir, e.name)]))),
  );
  return nested.flat();
}

/** Where any of `secrets` occurs in `text` (a secret is named by its first four characters only). */
function leaksIn(label: string, text: string, secrets: string[]): string[] {
  return secrets.filter((s) => text.includes(s)).map((s) => `${label} contains ${s.slice(0, 4)}…`);
}

async function png(width: number, height: number, hole?: boolean): Promise<string> {
  const channels = 3;
  const raw = Buffer.alloc(width * height * channels);
  for (let i = 0; i < width * height; i++) {
    const x = i % width;
    const y = Math.floor(i / width);
    const inHole = x > width / 3 && x < (2 * width) / 3 && y > height / 3 && y < (2 * height) / 3;
    raw.fill(hole === undefined ? (x * 7 + y * 3) % 256 : inHole ? 255 : 0, i * channels, (i + 1) * channels);
  }
  return (await sharp(raw, { raw: { width, height, channels } }).png().toBuffer()).toString('base64');
}

test('no secret in any response, SSE frame, built asset, log line or DATA_DIR file', async ({
  page,
  baseURL,
  recorder,
}) => {
  test.setTimeout(120_000);
  // Make sure both paid providers ran at least once in this server's life, through this page, so the
  // scan covers their traffic whichever specs ran before it.
  await page.goto('/');
  const image = await png(96, 64);
  const mask = await png(96, 64, true);
  const finals = await page.evaluate(
    async ({ image, mask }) => {
      const upload = async (b64: string) => {
        const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const res = await fetch('/api/images', {
          method: 'POST',
          headers: { 'content-type': 'image/png' },
          body: bytes,
        });
        return ((await res.json()) as { id: string }).id;
      };
      const imageId = await upload(image);
      const maskId = await upload(mask);
      const requests = [
        { provider: 'firefly', imageId, maskId, prompt: 'moss', size: { width: 1024, height: 1024 } },
        { provider: 'fal', imageId, maskId, prompt: 'moss' },
        { provider: 'local', imageId, maskId },
      ];
      const out: string[] = [];
      for (const body of requests) {
        const res = await fetch('/api/fills', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        const { id } = (await res.json()) as { id: string };
        // Watch it over SSE (the recorder sees every frame) until it ends.
        const status = await new Promise<string>((resolve) => {
          const es = new EventSource(`/api/jobs/${id}/events`);
          es.addEventListener('job', (e) => {
            const job = JSON.parse((e as MessageEvent<string>).data) as { status: string };
            if (!['queued', 'running'].includes(job.status)) {
              es.close();
              resolve(job.status);
            }
          });
        });
        const job = (await (await fetch(`/api/jobs/${id}`)).json()) as { outputs: { imageId: string }[] };
        for (const o of job.outputs) await fetch(`/api/images/${o.imageId}`);
        out.push(`${body.provider}:${status}`);
      }
      await fetch('/api/providers');
      await fetch('/api/jobs?limit=100');
      return out;
    },
    { image, mask },
  );
  expect(finals).toEqual(['firefly:succeeded', 'fal:succeeded', 'local:succeeded']);
  // This page's own recording goes to its file too, then everything is read.
  await recorder.flush();

  const info = await stackScanInfo(baseURL!);
  const secrets = info.secrets.filter((s) => s.length >= 8);
  expect(secrets.length, 'client secret, fal key (+ its halves), ≥1 IMS token').toBeGreaterThanOrEqual(5);
  const found: string[] = [];
  const counts = { responses: 0, sse: 0, dist: 0, data: 0, log: 0 };

  for (const file of await walk(info.recordDir)) {
    for (const line of (await readFile(file, 'utf8')).split('\n')) {
      if (!line) continue;
      const item = JSON.parse(line) as Recorded;
      counts[item.kind === 'sse' ? 'sse' : 'responses']++;
      found.push(...leaksIn(`${item.kind} ${item.url}`, item.text, secrets));
    }
  }
  for (const file of await walk(info.webDist)) {
    counts.dist++;
    found.push(...leaksIn(file, (await readFile(file)).toString('latin1'), secrets));
  }
  for (const file of await walk(info.dataDir)) {
    counts.data++;
    found.push(...leaksIn(file, (await readFile(file)).toString('latin1'), secrets));
  }
  const log = await readFile(info.logFile, 'utf8');
  counts.log = log.split('\n').filter(Boolean).length;
  found.push(...leaksIn('server log', log, secrets));

  expect(found, `secrets found in:\n${found.join('\n')}`).toEqual([]);
  // Not vacuous: each source was really read, and the check itself finds a planted secret.
  expect(counts.responses, JSON.stringify(counts)).toBeGreaterThan(20);
  expect(counts.sse, JSON.stringify(counts)).toBeGreaterThan(3);
  expect(counts.dist, JSON.stringify(counts)).toBeGreaterThan(1);
  expect(counts.data, JSON.stringify(counts)).toBeGreaterThan(5);
  expect(counts.log, JSON.stringify(counts)).toBeGreaterThan(0);
  expect(leaksIn('planted', `x${secrets[0]}x`, secrets)).toHaveLength(1);
  test.info().annotations.push({ type: 'scanned', description: JSON.stringify(counts) });
});
