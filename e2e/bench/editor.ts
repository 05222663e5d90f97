// Mask editor benchmark on a 4096² image: the editor core in Node (invert, undo/redo after 200 strokes,
// export, checkpoint memory) and a scripted 3 s brush stroke plus invert in Chromium (frame times).
// Run: flock /tmp/maskfill-bench.lock node_modules/.bin/tsx e2e/bench/editor.ts   (needs a built web app:
// `pnpm build`, or E2E_WEB_DIST=<folder>; CORE_ONLY=1 skips Chromium; NODE_OPTIONS=--expose-gc for memory)
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import { applyOp, opBounds } from '../../web/src/editor/applyOp.ts';
import { EXPORT_THRESHOLD, exportMaskPng, exportRasterPng } from '../../web/src/editor/exportMask.ts';
import { LiveStroke } from '../../web/src/editor/LiveStroke.ts';
import { MaskCache } from '../../web/src/editor/MaskCache.ts';
import type { MaskOp } from '../../web/src/editor/ops.ts';
import { DEFAULT_OVERLAY, overlayPixels } from '../../web/src/editor/overlay.ts';
import { encodeGrayPng } from '../../web/src/editor/png.ts';
import { launchChromium, startStack } from '../support/browser.ts';
import { Studio } from '../support/studio.ts';

const root = resolve(import.meta.dirname, '../..');
const port = Number(process.env.E2E_PORT ?? 8796);
const N = 4096;

const p = (xs: number[], q: number) =>
  [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))]!;
const ms = (v: number) => `${v.toFixed(1)} ms`;
/** Process CPU time (user + system, all threads) in ms. */
const cpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
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
  const reapply: number[] = [];
  const undoCpu: number[] = [];
  const redoCpu: number[] = [];
  const scratch = cache.mask.slice();
  for (let k = 1; k <= 40; k++) {
    const c0 = cpuMs();
    const t0 = performance.now();
    cache.sync(ops.slice(0, ops.length - k));
    undo.push(performance.now() - t0);
    undoCpu.push(cpuMs() - c0);
    const c1 = cpuMs();
    const t1 = performance.now();
    cache.sync(ops.slice(0, ops.length - k + 1));
    redo.push(performance.now() - t1);
    redoCpu.push(cpuMs() - c1);
    // The previous redo, same op: copy its area for the undo patch, then re-rasterise and apply it.
    const op = ops[ops.length - k]!;
    const t2 = performance.now();
    const r = opBounds(op, N, N);
    if (r) for (let y = 0; y < r.h; y++) scratch.slice((r.y + y) * N + r.x, (r.y + y) * N + r.x + r.w);
    applyOp(scratch, N, N, op);
    reapply.push(performance.now() - t2);
  }
  console.log(
    `undo one step after 200 strokes (4096²): median ${ms(p(undo, 0.5))}, p95 ${ms(p(undo, 0.95))}, max ${ms(Math.max(...undo))}; CPU p95 ${ms(p(undoCpu, 0.95))}`,
  );
  console.log(
    `redo one step after 200 strokes (4096²): re-applying the op (previous) median ${ms(p(reapply, 0.5))}, p95 ${ms(p(reapply, 0.95))}; ` +
      `from redo patches median ${ms(p(redo, 0.5))}, p95 ${ms(p(redo, 0.95))}, max ${ms(Math.max(...redo))}; CPU median ${ms(p(redoCpu, 0.5))}, p95 ${ms(p(redoCpu, 0.95))}`,
  );
  const mb = (b: number) => `${(b / 2 ** 20).toFixed(0)} MiB`;
  console.log(
    `memory for 200 strokes + checkpoints: ${cache.checkpointCount} checkpoints; array buffers +${mb(heap1.arrayBuffers - heap0.arrayBuffers)}, heap +${mb(heap1.heapUsed - heap0.heapUsed)}`,
  );
  cache.sync(ops);
  const replay: number[] = [];
  const eightBit: number[] = [];
  const fromRaster: number[] = [];
  let rasterCpu = 0;
  let sizes = '';
  for (let i = 0; i < 3; i++) {
    let t0 = performance.now();
    await exportMaskPng(ops, N, N);
    replay.push(performance.now() - t0);
    // The previous export: a thresholded copy, then an 8-bit greyscale PNG.
    t0 = performance.now();
    const copy = new Uint8Array(N * N);
    for (let j = 0; j < copy.length; j++) copy[j] = cache.mask[j]! >= EXPORT_THRESHOLD ? 255 : 0;
    const old = await encodeGrayPng(copy, N, N);
    eightBit.push(performance.now() - t0);
    const c0 = cpuMs();
    t0 = performance.now();
    const now = await exportRasterPng(cache.mask, N, N);
    fromRaster.push(performance.now() - t0);
    rasterCpu += cpuMs() - c0;
    sizes = `${(old.length / 1024).toFixed(0)} KiB → ${(now.size / 1024).toFixed(0)} KiB`;
  }
  console.log(
    `export PNG after 200 strokes (4096²): replaying every op (foundation) median ${ms(p(replay, 0.5))}; ` +
      `committed raster as 8-bit PNG (previous) median ${ms(p(eightBit, 0.5))}; ` +
      `as 1-bit PNG, thresholded while packing, median ${ms(p(fromRaster, 0.5))} (CPU ${ms(rasterCpu / 3)}); file ${sizes}`,
  );
  liveStroke();
}

/** The editor's share of a brush frame: grow the live stroke by one pointer move, build its overlay. */
function liveStroke(): void {
  const cache = new MaskCache(N, N);
  cache.sync([randomStroke(7), randomStroke(8)]);
  const live = new LiveStroke(N, N);
  const per: number[] = [];
  const perCpu: number[] = [];
  // 180 moves (one per frame for 3 s) across the middle, 80 px brush, like the browser run.
  live.begin('paint', 80, 1, N / 2 - 800, N / 2);
  let out = new Uint8ClampedArray(0);
  for (let i = 1; i <= 180; i++) {
    const t = i / 180;
    const c0 = cpuMs();
    const t0 = performance.now();
    const dirty = live.extend(N / 2 - 800 + 1600 * t, N / 2 + 600 * Math.sin(t * 12));
    if (dirty) {
      if (out.length < dirty.w * dirty.h * 4) out = new Uint8ClampedArray(dirty.w * dirty.h * 4);
      overlayPixels(cache.mask, N, dirty, DEFAULT_OVERLAY, { coverage: live.coverage, mode: 'paint' }, out);
    }
    per.push(performance.now() - t0);
    perCpu.push(cpuMs() - c0);
  }
  const c1 = cpuMs();
  const t1 = performance.now();
  cache.commitCoverage(live.toOp(), live.coverage, live.area);
  live.reset();
  const commit = performance.now() - t1;
  const commitCpu = cpuMs() - c1;
  console.log(
    `live stroke, editor work per pointer move (4096², 80 px, 180 moves): median ${ms(p(per, 0.5))}, p95 ${ms(p(per, 0.95))}, ` +
      `max ${ms(Math.max(...per))}; CPU median ${ms(p(perCpu, 0.5))}, p95 ${ms(p(perCpu, 0.95))}; commit on pointer-up ${ms(commit)} (CPU ${ms(commitCpu)})`,
  ); // A straight diagonal stroke: its bounding box is mostly untouched, which the row spans skip.
  const commits: number[] = [];
  const commitsCpu: number[] = [];
  for (let k = 0; k < 5; k++) {
    live.begin('paint', 80, 1, 800, 800);
    for (let i = 1; i <= 180; i++) live.extend(800 + (1600 * i) / 180, 800 + (1200 * i) / 180);
    const c2 = cpuMs();
    const t2 = performance.now();
    cache.commitCoverage(live.toOp(), live.coverage, live.area);
    live.reset();
    commits.push(performance.now() - t2);
    commitsCpu.push(cpuMs() - c2);
  }
  console.log(
    `commit on pointer-up, diagonal 1600×1200 stroke (80 px): median ${ms(p(commits, 0.5))} (CPU median ${ms(p(commitsCpu, 0.5))})`,
  );
}

async function browserRun(): Promise<void> {
  const dist = process.env.E2E_WEB_DIST ?? join(root, 'dist/web');
  if (!existsSync(join(dist, 'index.html'))) throw new Error(`build the web app first (${dist}): pnpm build`);
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
    const redo: number[] = [];
    for (let i = 0; i < 5; i++) {
      redo.push(
        await page.evaluate(async () => {
          const button = document.querySelector<HTMLButtonElement>('button[aria-label="Redo"]')!;
          const t0 = performance.now();
          button.click();
          await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
          return performance.now() - t0;
        }),
      );
    }
    console.log(
      `redo in Chromium (the stroke, then the inverts), click to repainted frame: ${redo.map(ms).join(', ')}`,
    );
    await browser.close();
  } finally {
    server.kill('SIGTERM');
  }
}

console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}; ` +
    `load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
);
await core();
if (!process.env.CORE_ONLY) await browserRun();
