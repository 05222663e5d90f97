/**
 * Cost scales with the hole, not the image: a 4096² photo (a bench photo upscaled) with a 5 % blob hole.
 *   npx tsx server/bench/engine/large.ts [--photo leuven] [--threads 2] [--out /tmp/maskfill-bench]
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../../..');
const args = new Map<string, string>();
for (let i = 2; i < process.argv.length; i += 2)
  args.set(process.argv[i]!.replace(/^--/, ''), process.argv[i + 1] ?? '');
const photo = args.get('photo') ?? 'leuven';
const outDir = join(resolve(args.get('out') ?? '/tmp/maskfill-bench'), 'large');
mkdirSync(outDir, { recursive: true });

const size = 4096;
const image = join(outDir, `${photo}_4096.png`);
const mask = join(outDir, `${photo}_4096_blob.png`);
await sharp(join(repo, `../shared/bench-data/${photo}_1024.png`))
  .resize(size, size, { fit: 'cover', kernel: 'lanczos3' })
  .png({ compressionLevel: 1 })
  .toFile(image);
// An irregular blob: a disc of 5 % of the area with a wavy rim, off centre.
const bytes = new Uint8Array(size * size);
const r0 = Math.sqrt((0.05 * size * size) / Math.PI);
let count = 0;
for (let y = 0; y < size; y++) {
  for (let x = 0; x < size; x++) {
    const dx = x - size * 0.45;
    const dy = y - size * 0.55;
    const a = Math.atan2(dy, dx);
    const r = r0 * (1 + 0.12 * Math.sin(3 * a) + 0.06 * Math.cos(5 * a));
    if (dx * dx + dy * dy < r * r) {
      bytes[y * size + x] = 255;
      count++;
    }
  }
}
await sharp(bytes, { raw: { width: size, height: size, channels: 1 } })
  .png()
  .toFile(mask);
const out = join(outDir, `${photo}_4096_ours.png`);
const stdout = execFileSync(
  process.execPath,
  ['--import', 'tsx', join(here, 'fillOne.ts'), image, mask, out, '1', 'auto', args.get('threads') ?? '2'],
  {
    cwd: repo,
    encoding: 'utf8',
  },
);
const timing = JSON.parse(stdout.trim().split('\n').pop()!) as {
  seconds: number;
  cpuSeconds: number;
  maxRssMb: number;
};
console.log(
  `${photo} 4096² blob ${((100 * count) / (size * size)).toFixed(1)} %: ${timing.seconds.toFixed(2)} s ` +
    `(cpu ${timing.cpuSeconds.toFixed(2)} s), peak RSS ${timing.maxRssMb.toFixed(0)} MB → ${out}`,
);
