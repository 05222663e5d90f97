// One 15 MB upload over loopback: how much the server's RSS grows while it streams, checks and stores it.
// Run: node --import tsx server/bench/load/upload-rss.ts   (the client is a child process, so the RSS is
// the server's alone)
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { mb, startServer } from './common.ts';

const srv = await startServer({ MAX_UPLOAD_MB: '40' });
// Noise does not compress: a 2240² RGB PNG of noise is ~15 MB.
const side = 2240;
const noise = randomBytes(side * side * 3);
const png = await sharp(noise, { raw: { width: side, height: side, channels: 3 } })
  .png({ compressionLevel: 1 })
  .toBuffer();
const file = join(srv.dataDir, 'upload.png');
await writeFile(file, png);
// Settle what building the file cost.
(globalThis as { gc?: () => void }).gc?.();
await new Promise((r) => setTimeout(r, 1000));
const before = process.memoryUsage().rss;
let peak = before;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 5);
const t = performance.now();
const status = await new Promise<string>((resolve, reject) => {
  const child = spawn('curl', [
    '-s',
    '-o',
    '/dev/null',
    '-w',
    '%{http_code}',
    '-H',
    'content-type: image/png',
    '--data-binary',
    `@${file}`,
    `${srv.base}/api/images`,
  ]);
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  child.on('exit', () => resolve(out));
  child.on('error', reject);
});
const ms = performance.now() - t;
clearInterval(sampler);
const after = process.memoryUsage().rss;
console.log(`upload of ${mb(png.length)} (${side}×${side} PNG): HTTP ${status} in ${ms.toFixed(0)} ms`);
console.log(`server RSS: before ${mb(before)}, peak ${mb(peak)} (+${mb(peak - before)}), after ${mb(after)}`);
await srv.close();
process.exit(0);
