// Event-loop stall of hashing a 16 MB image: node:crypto's synchronous SHA-256 (what the image store's
// put() used) against sha256Hex (WebCrypto digest on the libuv threadpool), and ImageStore.put end to end.
// Run: flock /tmp/maskfill-bench.lock npx tsx server/bench/imageHash.ts
import { createHash, randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import sharp from 'sharp';
import { databaseUrl, openDatabase } from '../src/storage/db.ts';
import { sha256Hex } from '../src/storage/hash.ts';
import { ImageStore } from '../src/storage/images.ts';

const RUNS = 12;
const side = 2048;
const png = await sharp(randomBytes(side * side * 4), { raw: { width: side, height: side, channels: 4 } })
  .png({ compressionLevel: 0 })
  .toBuffer();
const median = (a: number[]) => [...a].sort((x, y) => x - y)[a.length >> 1]!;
const fmt = (a: number[]) => `median ${median(a).toFixed(1)} ms, worst ${Math.max(...a).toFixed(1)} ms`;

/** The longest event-loop delay seen while `op` runs (a 1 ms timer resolution), per run. */
async function stall(op: () => Promise<unknown>): Promise<number[]> {
  const worst: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const h = monitorEventLoopDelay({ resolution: 1 });
    h.enable();
    // The histogram's first timer tick only sets its baseline: let a few pass before the operation.
    await new Promise((r) => setTimeout(r, 10));
    await op();
    await new Promise((r) => setTimeout(r, 10));
    h.disable();
    worst.push(h.max / 1e6);
  }
  return worst;
}

/** Main-thread time until the call returns (sync: the whole hash; async: until the job is queued). */
async function callTime(op: () => unknown): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t = performance.now();
    const p = op();
    times.push(performance.now() - t);
    await p;
  }
  return times;
}

console.log(
  `${(png.length / 1048576).toFixed(1)} MB PNG, ${RUNS} runs each, load average ${loadavg()[0]!.toFixed(2)}`,
);
const sync = () => Promise.resolve(createHash('sha256').update(png).digest('hex'));
console.log(
  `idle (10 ms sleep)        stall: ${fmt(await stall(() => new Promise((r) => setTimeout(r, 10))))}`,
);
console.log(`createHash (sync)         stall: ${fmt(await stall(sync))}; call ${fmt(await callTime(sync))}`);
console.log(
  `sha256Hex (threadpool)    stall: ${fmt(await stall(() => sha256Hex(png)))}; call ${fmt(await callTime(() => sha256Hex(png)))}`,
);

const dir = await mkdtemp(join(tmpdir(), 'maskfill-hash-bench-'));
try {
  const db = await openDatabase(databaseUrl(dir));
  const store = await ImageStore.open({ dataDir: dir, db, maxUploadBytes: 64 << 20 });
  // The row is deleted after each put so every run takes the full path (write, hash, decode, insert).
  const put = async () => {
    await store.put(png, 'image/png');
    await db.execute('DELETE FROM images');
  };
  console.log(`ImageStore.put 16 MB      stall: ${fmt(await stall(put))}`);
  db.close();
} finally {
  await rm(dir, { recursive: true, force: true });
}
console.log(`load average at the end ${loadavg()[0]!.toFixed(2)}`);
