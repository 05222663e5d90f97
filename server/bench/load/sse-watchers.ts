// 1000 SSE watchers on 10 running jobs (an emulated upstream polled every second): upstream polls per
// job per interval, and the time from the poll that sees a change to each watcher's frame.
// Run: node --import tsx server/bench/load/sse-watchers.ts   (loopback only, ~20 s)
import http from 'node:http';
import { ScriptedProvider } from '../../test/support/scripted-provider.ts';
import { rectMaskPng, texturedPng } from '../../test/support/images.ts';
import { percentile, sleep, startServer } from './common.ts';

const WATCHERS = Number(process.env.WATCHERS ?? 1000);
const JOBS = 10;
const STEPS = 6;
const POLL_MS = 1000;

class Upstream extends ScriptedProvider {
  readonly pollsByJob = new Map<string, number>();
  /** When a poll first returned each (job, progress). */
  readonly seenAt = new Map<string, number>();
  override async poll(ref: Parameters<ScriptedProvider['poll']>[0]) {
    const result = await super.poll(ref);
    this.pollsByJob.set(ref.id, (this.pollsByJob.get(ref.id) ?? 0) + 1);
    const key = `${ref.id}@${'progress' in result ? String(result.progress) : result.state}`;
    if (!this.seenAt.has(key)) this.seenAt.set(key, performance.now());
    return result;
  }
}

const upstream = new Upstream('local', { limits: { concurrency: JOBS } });
const srv = await startServer({}, { providers: upstream.asProviders(), sseHeartbeatMs: 15_000 });
const post = async (path: string, body: BodyInit, type: string) =>
  (await (
    await fetch(srv.base + path, { method: 'POST', headers: { 'content-type': type }, body })
  ).json()) as {
    id: string;
  };
const imageId = (await post('/api/images', new Uint8Array(await texturedPng(64, 48)), 'image/png')).id;
const maskId = (
  await post(
    '/api/images',
    new Uint8Array(await rectMaskPng(64, 48, { x: 8, y: 8, w: 16, h: 16 })),
    'image/png',
  )
).id;
const jobIds: string[] = [];
for (let i = 0; i < JOBS; i++) {
  jobIds.push(
    (await post('/api/fills', JSON.stringify({ provider: 'local', imageId, maskId }), 'application/json')).id,
  );
}
for (const id of jobIds) upstream.set(id, { state: 'running', progress: 0, nextPollMs: POLL_MS });

// Frames received: per watcher, progress value → receive time.
const frames: { job: string; at: Map<string, number> }[] = [];
const agent = new http.Agent({ keepAlive: true, maxSockets: Infinity });
let connected = 0;
let failed = 0;
for (let w = 0; w < WATCHERS; w++) {
  const job = jobIds[w % JOBS]!;
  const record = { job, at: new Map<string, number>() };
  frames.push(record);
  const req = http.get(`${srv.base}/api/jobs/${job}/events`, { agent }, (res) => {
    if (res.statusCode !== 200) failed++;
    connected++;
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (chunk: string) => {
      const now = performance.now();
      buf += chunk;
      let end: number;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const frame = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const data = /^data: (.*)$/m.exec(frame)?.[1];
        if (!data) continue;
        const parsed = JSON.parse(data) as { status: string; progress?: number };
        const key = parsed.status === 'running' ? String(parsed.progress ?? 0) : parsed.status;
        if (!record.at.has(key)) record.at.set(key, now);
      }
    });
  });
  req.on('error', () => failed++);
}
while (connected + failed < WATCHERS) await sleep(50);
const rss0 = process.memoryUsage().rss;
const t0 = performance.now();
const polls0 = [...upstream.pollsByJob.values()].reduce((a, b) => a + b, 0);

for (let step = 1; step <= STEPS; step++) {
  for (const id of jobIds) upstream.set(id, { state: 'running', progress: step / 10, nextPollMs: POLL_MS });
  await sleep(2000);
}
const elapsed = performance.now() - t0;
const polls = [...upstream.pollsByJob.values()].reduce((a, b) => a + b, 0) - polls0;

const perWatcher: number[] = [];
const lastPerChange: number[] = [];
let missing = 0;
for (const id of jobIds) {
  for (let step = 1; step <= STEPS; step++) {
    const key = String(step / 10);
    const seen = upstream.seenAt.get(`${id}@${key}`);
    if (seen === undefined) continue;
    let last = 0;
    for (const f of frames.filter((f) => f.job === id)) {
      const at = f.at.get(key);
      if (at === undefined) {
        missing++;
        continue;
      }
      perWatcher.push(at - seen);
      last = Math.max(last, at - seen);
    }
    lastPerChange.push(last);
  }
}
const rss1 = process.memoryUsage().rss;
console.log(
  `watchers ${WATCHERS} on ${JOBS} jobs, ${connected} connected, ${failed} failed, ${missing} frames missing`,
);
console.log(
  `upstream polls: ${polls} in ${(elapsed / 1000).toFixed(1)} s = ${(polls / JOBS / (elapsed / POLL_MS)).toFixed(2)} per job per ${POLL_MS} ms interval`,
);
console.log(
  `poll saw change → watcher frame: p50 ${percentile(perWatcher, 50).toFixed(1)} ms, p95 ${percentile(perWatcher, 95).toFixed(1)} ms; ` +
    `→ last watcher's frame: p95 ${percentile(lastPerChange, 95).toFixed(1)} ms, max ${percentile(lastPerChange, 100).toFixed(1)} ms`,
);
console.log(
  `RSS with all watchers open: ${(rss0 / 1048576).toFixed(0)} MB → ${(rss1 / 1048576).toFixed(0)} MB`,
);
agent.destroy();
await srv.close();
process.exit(0);
