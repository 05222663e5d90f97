// Mask editor benchmark on a 4096² image: the editor core in Node (invert, undo/redo after 200 strokes,
// export, checkpoint memory) and a scripted 3 s brush stroke plus invert in Chromium (frame times).
// Run: node_modules/.bin/tsx e2e/bench/editor.ts   (needs a built web app: `pnpm build`)
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { applyOp } from '../../web/src/editor/applyOp.ts';
import { exportMaskPng, exportRasterPng } from '../../web/src/editor/exportMask.ts';
import { MaskCache } from '../../web/src/editor/MaskCache.ts';
import type { MaskOp } from '../../web/src/editor/ops.ts';
import { launchChromium, startStack } from '../support/browser.ts';
import { Studio } from '../support/studio.ts';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 8796);
const N = 4096;

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;
function time(fn: () => void, runs = 5): number[] {
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    out.push(performance.now() - t0);
  }
  return out;
}

/** A random brush stroke: 40 points, 20–120 px wide. */
function randomStroke(seed: number): MaskOp {
  let s = seed;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const points: number[] = [];
  let x = rnd() * N;
  let y = rnd() * N;
  for (let i = 0; i < 40; i++) points.push((x += (rnd() - 0.5) * 120), (y += (rnd() - 0.5) * 120));
  return {
    type: 'stroke',
    mode: rnd() < 0.8 ? 'paint' : 'erase',
    points,
    width: 20 + rnd() * 100,
    hardness: 1,
  };
}

async function core(): Promise<void> {
  const mask = new Uint8Array(N * N);
  // The foundation's invert: one byte at a time.
  const before = time(() => {
    for (let i = 0; i < mask.length; i++) mask[i] = 255 - mask[i]!;
  });
  const after = time(() => applyOp(mask, N, N, { type: 'invert' }));
  console.log(
    `invert 4096² (core): byte loop (foundation) median ${ms(p(before, 0.5))}, word-wise ${ms(p(after, 0.5))}`,
  );

  global.gc?.();
  const heap0 = process.memoryUsage();
  const cache = new MaskCache(N, N);
  const ops: MaskOp[] = [];
  for (let i = 0; i < 200; i++) {
    ops.push(randomStroke(i + 1));
    cache.sync(ops.slice());
  }
  global.gc?.();
  const heap1 = process.memoryUsage();
  const undo: number[] = [];
  const redo: number[] = [];
  for (let k = 1; k <= 40; k++) {
    const t0 = performance.now();
    cache.sync(ops.slice(0, ops.length - k));
    undo.push(performance.now() - t0);
    const t1 = performance.now();
    cache.sync(ops.slice(0, ops.length - k + 1));
    redo.push(performance.now() - t1);
  }
  console.log(
    `undo one step after 200 strokes (4096²): median ${ms(p(undo, 0.5))}, p95 ${ms(p(undo, 0.95))}, max ${ms(Math.max(...undo))}; ` +
      `redo median ${ms(p(redo, 0.5))}, p95 ${ms(p(redo, 0.95))}`,
  );
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `memory for 200 strokes + checkpoints: ${cache.checkpointCount} checkpoints; array buffers +${mb(heap1.arrayBuffers - heap0.arrayBuffers)}, heap +${mb(heap1.heapUsed - heap0.heapUsed)}`,
  );
  cache.sync(ops);
  const replay: number[] = [];
  const fromRaster: number[] = [];
  for (let i = 0; i < 2; i++) {
    let t0 = performance.now();
    await exportMaskPng(ops, N, N);
    replay.push(performance.now() - t0);
    t0 = performance.now();
    await exportRasterPng(cache.mask, N, N);
    fromRaster.push(performance.now() - t0);
  }
  console.log(
    `export PNG after 200 strokes (4096²): replaying every op (foundation) median ${ms(p(replay, 0.5))}, ` +
      `from the committed raster ${ms(p(fromRaster, 0.5))}`,
  );
}

async function browserRun(): Promise<void> {
  if (!existsSync(join(root, 'dist/web/index.html'))) throw new Error('build the web app first: pnpm build');
  const dir = mkdtempSync(join(tmpdir(), 'editor-bench-'));
  const photo = join(dir, 'photo_4096.jpg');
  const src = join(root, 'e2e/fixtures/astronaut_512.png');
  writeFileSync(photo, await sharp(src).resize(N, N).jpeg({ quality: 90 }).toBuffer());
  const server = await startStack(port);
  try {
    const browser = await launchChromium();
    const page = await browser.newPage({
      viewport: { width: 1440, height: 900 },
      baseURL: `http://127.0.0.1:${port}`,
    });
    const studio = new Studio(page);
    await studio.open();
    await studio.upload(photo);
    await page.waitForTimeout(1500);
    await studio.setBrushSize(80);
    const box = (await studio.canvas.boundingBox())!;
    // Frame recorder: rAF timestamps while the stroke runs.
    // A string, not a function: tsx would wrap named inner functions in a helper the page lacks.
    await page.evaluate(`
      window.frames = [];
      window.recording = true;
      const tick = (t) => { window.frames.push(t); if (window.recording) requestAnimationFrame(tick); };
      requestAnimationFrame(tick);
    `);
    const cx = box.x + box.width / 2;
    const cy = box.y + box.height / 2;
    await page.mouse.move(cx - 200, cy);
    await page.mouse.down();
    const t0 = Date.now();
    while (Date.now() - t0 < 3000) {
      const t = (Date.now() - t0) / 3000;
      await page.mouse.move(cx - 200 + 400 * t, cy + 150 * Math.sin(t * 12));
    }
    await page.mouse.up();
    const frames = await page.evaluate(async () => {
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const w = window as unknown as { frames: number[]; recording: boolean };
      w.recording = false;
      return w.frames;
    });
    const deltas = frames.slice(1).map((t, i) => t - frames[i]!);
    console.log(
      `3 s stroke on 4096² in Chromium (--disable-gpu): ${deltas.length} frames, frame time median ${ms(p(deltas, 0.5))}, p95 ${ms(p(deltas, 0.95))}, max ${ms(Math.max(...deltas))}`,
    );
    // Invert, click to the end of the first frame that shows it.
    const inv: number[] = [];
    for (let i = 0; i < 5; i++) {
      inv.push(
        await page.evaluate(async () => {
          const button = document.querySelector<HTMLButtonElement>('button[aria-label="Invert mask"]')!;
          const t0 = performance.now();
          button.click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        }),
      );
    }
    console.log(`invert 4096² in Chromium, click to repainted frame: median ${ms(p(inv, 0.5))}`);
    const undo: number[] = [];
    for (let i = 0; i < 5; i++) {
      undo.push(
        await page.evaluate(async () => {
          const button = document.querySelector<HTMLButtonElement>('button[aria-label="Undo"]')!;
          const t0 = performance.now();
          button.click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        }),
      );
    }
    console.log(
      `undo in Chromium (of the inverts, then the stroke), click to repainted frame: ${undo.map(ms).join(', ')}`,
    );
    await browser.close();
  } finally {
    server.kill('SIGTERM');
  }
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`,
);
await core();
if (!process.env.CORE_ONLY) await browserRun();
