// 50 concurrent fills on the Firefly and fal emulators plus 20 local-engine jobs, while a client reads
// GET /api/jobs/:id in a loop: errors, that endpoint's p50/p95, and RSS over a shortened soak.
// Run: SOAK_S=600 node --expose-gc --import tsx server/bench/load/fills-soak.ts   (loopback only)
// With --expose-gc, each wave ends with a forced GC and a memory sample, so growth that survives a full
// collection (a leak) is told apart from garbage not yet collected and allocator caches.
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { rectMaskPng, texturedPng } from '../../test/support/images.ts';
import { mb, percentile, sleep, startServer } from './common.ts';

const SOAK_S = Number(process.env.SOAK_S ?? 60);
// The emulators run in a child process: this process's RSS is the server's (plus the light load client).
const emulators = spawn(
  process.execPath,
  ['--import', 'tsx', new URL('./emulators.ts', import.meta.url).pathname],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const lines = createInterface({ input: emulators.stdout })[Symbol.asyncIterator]();
const line = (await lines.next()).value as string;
const upstream = JSON.parse(line) as {
  firefly: { apiBaseUrl: string; imsUrl: string; host: string };
  fal: { url: string; key: string };
};
const firefly = upstream.firefly;
const fal = upstream.fal;
/** VmRSS of another process (Linux). */
const rssOf = (pid: number | undefined) =>
  Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
const srv = await startServer({
  FAL_KEY: fal.key,
  FAL_QUEUE_BASE_URL: fal.url,
  FAL_REST_BASE_URL: fal.url,
  FIREFLY_SERVICES_CLIENT_ID: 'bench',
  FIREFLY_SERVICES_CLIENT_SECRET: 'bench-secret',
  FIREFLY_API_BASE_URL: firefly.apiBaseUrl,
  FIREFLY_IMS_URL: firefly.imsUrl,
  FIREFLY_RPM: '10000',
  RESULT_HOSTS: `${new URL(fal.url).host},${firefly.host}`,
  LOCAL_WORKERS: '2',
});
const post = async (path: string, body: BodyInit, type: string) => {
  const res = await fetch(srv.base + path, { method: 'POST', headers: { 'content-type': type }, body });
  return { status: res.status, body: (await res.json()) as { id: string } };
};
const imageId = (await post('/api/images', new Uint8Array(await texturedPng(256, 192)), 'image/png')).body.id;
const maskId = (
  await post(
    '/api/images',
    new Uint8Array(await rectMaskPng(256, 192, { x: 64, y: 48, w: 80, h: 60 })),
    'image/png',
  )
).body.id;

const gc = (globalThis as { gc?: () => void }).gc;
interface Settled {
  wave: number;
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
  emulators: number;
}
const settled: Settled[] = [];
const settle = async (wave: number) => {
  if (!gc) return;
  gc();
  await sleep(200);
  gc();
  const m = process.memoryUsage();
  settled.push({
    wave,
    rss: m.rss,
    heapUsed: m.heapUsed,
    external: m.external,
    arrayBuffers: m.arrayBuffers,
    emulators: rssOf(emulators.pid),
  });
};
await settle(0);
const rss: number[] = [process.memoryUsage().rss];
const sampler = setInterval(() => rss.push(process.memoryUsage().rss), 1000);
const latencies: number[] = [];
let errors = 0;
const ids: string[] = [];
let round = 0;
const started = performance.now();
const deadline = started + SOAK_S * 1000;
let stop = false;

// Reader: GET /api/jobs/:id as fast as one client can, all through the soak.
const reader = (async () => {
  while (!stop) {
    const id = ids[Math.floor(Math.random() * ids.length)];
    if (!id) {
      await sleep(10);
      continue;
    }
    const t = performance.now();
    const res = await fetch(`${srv.base}/api/jobs/${id}`);
    await res.arrayBuffer();
    latencies.push(performance.now() - t);
    if (res.status !== 200) errors++;
  }
})();

// Waves: 50 emulated fills (25 Firefly, 25 fal) and 20 local jobs at once, until every job ends; repeat.
const outcomes = { succeeded: 0, failed: 0, cancelled: 0 };
while (performance.now() < deadline) {
  round++;
  const wave = [
    ...Array.from({ length: 25 }, (_, i) => ({
      provider: 'firefly',
      imageId,
      maskId,
      prompt: `p${i}`,
      size: { width: 1024, height: 1024 },
    })),
    ...Array.from({ length: 25 }, (_, i) => ({ provider: 'fal', imageId, maskId, prompt: `p${i}` })),
    ...Array.from({ length: 20 }, () => ({
      provider: 'local',
      imageId,
      maskId,
      options: { method: 'diffusion' },
    })),
  ];
  const submitted = await Promise.all(
    wave.map((r) => post('/api/fills', JSON.stringify(r), 'application/json')),
  );
  const waveIds: string[] = [];
  for (const s of submitted) {
    if (s.status !== 202) errors++;
    else waveIds.push(s.body.id);
  }
  ids.push(...waveIds);
  for (;;) {
    const jobs = await Promise.all(
      waveIds.map(
        async (id) => (await (await fetch(`${srv.base}/api/jobs/${id}`)).json()) as { status: string },
      ),
    );
    if (jobs.every((j) => j.status in outcomes)) {
      for (const j of jobs) outcomes[j.status as keyof typeof outcomes]++;
      await settle(round);
      break;
    }
    await sleep(250);
  }
}
stop = true;
await reader;
clearInterval(sampler);
const seconds = (performance.now() - started) / 1000;
console.log(`soak ${seconds.toFixed(0)} s: ${round} waves of 50 emulated + 20 local jobs`);
console.log(`jobs: ${JSON.stringify(outcomes)}; request errors: ${errors}`);
console.log(
  `GET /api/jobs/:id: ${latencies.length} requests, p50 ${percentile(latencies, 50).toFixed(1)} ms, p95 ${percentile(latencies, 95).toFixed(1)} ms, max ${percentile(latencies, 100).toFixed(0)} ms`,
);
const warm = rss[Math.min(5, rss.length - 1)]!;
console.log(
  `RSS: start ${mb(rss[0]!)}, after 5 s ${mb(warm)}, peak ${mb(percentile(rss, 100))}, end ${mb(rss.at(-1)!)}`,
);
if (settled.length) {
  console.log('after forced GC, by wave (rss / heapUsed / external / arrayBuffers; emulator process RSS):');
  for (const m of settled)
    console.log(
      `  wave ${m.wave}: ${mb(m.rss)} / ${mb(m.heapUsed)} / ${mb(m.external)} / ${mb(m.arrayBuffers)}; ${mb(m.emulators)}`,
    );
}
await srv.close();
emulators.kill('SIGTERM');
process.exit(0);
