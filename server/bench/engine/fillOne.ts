/**
 * Runs the local engine once in its own process so peak memory is this fill's alone.
 * Usage: tsx fillOne.ts IMAGE MASK OUT SEED [method] [threads]. Prints one JSON line. With 2 threads the
 * helper thread is started before the clock starts, as the server's engine workers keep theirs running.
 */
import { fill, Team, type FillMethod } from '../../src/engine/index.ts';
import { readMask, readRgba, writePng } from './images.ts';

const [imagePath, maskPath, outPath, seed = '1', method = 'auto', threads = '1'] = process.argv.slice(2);
if (!imagePath || !maskPath || !outPath) throw new Error('usage: fillOne.ts IMAGE MASK OUT [SEED] [METHOD]');
const image = await readRgba(imagePath);
const mask = await readMask(maskPath);
if (Number(threads) > 1) await Team.warm();
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const out = fill({ image, mask, seed: Number(seed), method: method as FillMethod, threads: Number(threads) });
const seconds = (performance.now() - t0) / 1000;
const cpu = process.cpuUsage(cpu0);
await writePng(outPath, out);
console.log(
  JSON.stringify({
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
  }),
);
