/**
 * Runs the local engine once in its own process so peak memory is this fill's alone.
 * Usage: tsx fillOne.ts IMAGE MASK OUT SEED [method]. Prints one JSON line.
 */
import { fill, type FillMethod } from '../../src/engine/index.ts';
import { readMask, readRgba, writePng } from './images.ts';

const [imagePath, maskPath, outPath, seed = '1', method = 'auto'] = process.argv.slice(2);
if (!imagePath || !maskPath || !outPath) throw new Error('usage: fillOne.ts IMAGE MASK OUT [SEED] [METHOD]');
const image = await readRgba(imagePath);
const mask = await readMask(maskPath);
const cpu0 = process.cpuUsage();
const t0 = performance.now();
const out = fill({ image, mask, seed: Number(seed), method: method as FillMethod });
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
