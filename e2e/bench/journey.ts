// Browser benchmark: first-load JS, cold load on a slow link, and click-to-result time on the local engine.
// Run: pnpm exec tsx e2e/bench/journey.ts  (needs ../shared/bench-data and a built web app: `pnpm build`;
// E2E_WEB_DIST=<dir> measures another build; RUNS=0 skips click-to-result). Wall times: run under `flock /tmp/maskfill-bench.lock`.
import type { Browser } from '@playwright/test';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, startStack } from '../support/browser.ts';
import { Studio } from '../support/studio.ts';

const root = resolve(import.meta.dirname, '../..');
const benchData = resolve(root, '../shared/bench-data');
const webDist = process.env.E2E_WEB_DIST ?? join(root, 'dist/web');
const port = 8795;
const runs = Number(process.env.RUNS ?? 3);
/** Throttled cold loads (network-bound, so less sensitive to the machine's load than click-to-result). */
const loadRuns = Number(process.env.LOAD_RUNS ?? 5);
/** Lighthouse's "slow 4G": 1.6 Mbit/s down, 750 kbit/s up, 150 ms round trip. */
const SLOW_LINK = {
  offline: false,
  latency: 150,
  downloadThroughput: 1.6e6 / 8,
  uploadThroughput: 750e3 / 8,
};

const kib = (n: number) => (n / 1024).toFixed(1);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const secs = (xs: number[]) =>
  `median ${(median(xs) / 1000).toFixed(2)} s (${xs.map((t) => (t / 1000).toFixed(2)).join(', ')})`;

/** The JS the page needs before it can paint: the entry script and its modulepreloads (gzip -9 each). */
function firstLoadJs(): { files: number; raw: number; gzip: number } {
  const html = readFileSync(join(webDist, 'index.html'), 'utf8');
  // <script src> and <link rel="modulepreload">, not the low-priority rel="prefetch" links.
  const scripts = [
    ...html.matchAll(/<(?:script[^>]*src|link rel="modulepreload"[^>]*href)="\/(assets\/[^"]+\.js)"/g),
  ].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const s of scripts) {
    const bytes = readFileSync(join(webDist, s));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { files: scripts.length, raw, gzip };
}

interface ColdLoad {
  /** First contentful paint: React has drawn the studio (the page is empty before). */
  paint: number;
  /** The Konva stage exists: an upload or drop can be painted on. */
  canvas: number;
  jsRequests: number;
  /** JS bytes on the wire (the server gzips), until the network is idle. */
  jsWire: number;
  /** Cumulative layout shift of the whole load: a lazy view's stand-in must not move the page. */
  cls: number;
}

/**
 * One load over the throttled link, timed on the page's own clock. A new context starts with an empty
 * HTTP cache (not a disabled one, which would also throw away what the page prefetches).
 */
async function coldLoad(browser: Browser): Promise<ColdLoad> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', SLOW_LINK);
  const js = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) => {
    if (new URL(e.response.url).pathname.endsWith('.js')) js.set(e.requestId, 0);
  });
  cdp.on('Network.loadingFinished', (e) => {
    if (js.has(e.requestId)) js.set(e.requestId, e.encodedDataLength);
  });
  await page.goto(`http://127.0.0.1:${port}/`, { waitUntil: 'commit' });
  const canvas = await page
    .waitForFunction(
      () => document.querySelector('[data-testid="editor-canvas"] canvas') && performance.now(),
      null,
      {
        polling: 'raf',
        timeout: 60_000,
      },
    )
    .then((h) => h.jsonValue() as Promise<number>);
  const paint = await page.evaluate(
    () =>
      new Promise<number>((done) =>
        new PerformanceObserver((list) => {
          const fcp = list.getEntriesByName('first-contentful-paint')[0];
          if (fcp) done(fcp.startTime);
        }).observe({ type: 'paint', buffered: true }),
      ),
  );
  await page.waitForLoadState('networkidle');
  const cls = await page.evaluate(
    () =>
      new Promise<number>((done) => {
        let sum = 0;
        new PerformanceObserver((list) => {
          for (const e of list.getEntries() as (PerformanceEntry & { value: number })[]) sum += e.value;
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => done(sum), 100);
      }),
  );
  const wire = [...js.values()].reduce((a, b) => a + b, 0);
  await context.close();
  return { paint, canvas, jsRequests: js.size, jsWire: wire, cls };
}

async function clickToResult(browser: Browser): Promise<number> {
  const page = await browser.newPage({
    viewport: { width: 1440, height: 900 },
    baseURL: `http://127.0.0.1:${port}`,
  });
  const studio = new Studio(page);
  await studio.open();
  await studio.upload(join(benchData, 'astronaut_1024.png'));
  await studio.setBrushSize(60);
  await studio.paint([0.4, 0.45], [0.6, 0.55]);
  const t0 = performance.now();
  await studio.generate();
  await studio
    .jobCard()
    .getByText(/succeeded/i)
    .waitFor({ timeout: 120_000 });
  await studio.jobCard().getByRole('img').first().waitFor();
  const t = performance.now() - t0;
  await page.close();
  return t;
}

async function main() {
  if (!existsSync(benchData)) throw new Error(`bench data not found at ${benchData}`);
  if (!existsSync(join(webDist, 'index.html'))) throw new Error(`build the web app first (${webDist})`);
  const js = firstLoadJs();
  console.log(
    `first-load JS (entry + modulepreloads, ${js.files} files): ${kib(js.raw)} KiB raw, ${kib(js.gzip)} KiB gzip`,
  );
  console.log(`assets: ${readdirSync(join(webDist, 'assets')).join(', ')}`);
  console.log(
    `load average at start: ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}`,
  );

  const server = await startStack(port);
  try {
    const browser = await launchChromium();
    const loads: ColdLoad[] = [];
    for (let run = 0; run < loadRuns; run++) loads.push(await coldLoad(browser));
    const last = loads.at(-1)!;
    console.log(
      `cold load, slow 4G (1.6 Mbit/s, 150 ms RTT): studio painted ${secs(loads.map((l) => l.paint))}; ` +
        `canvas ready ${secs(loads.map((l) => l.canvas))}; ${last.jsRequests} JS requests, ${kib(last.jsWire)} KiB JS on the wire; ` +
        `layout shift (CLS) max ${Math.max(...loads.map((l) => l.cls)).toFixed(3)}`,
    );
    const times: number[] = [];
    for (let run = 0; run < runs; run++) times.push(await clickToResult(browser));
    await browser.close();
    if (runs > 0) {
      console.log(
        `click-to-result, 1024 px photo, local engine, ${cpus().length} cores: ${secs(times)} over ${runs} runs`,
      );
    }
    console.log(
      `load average at end: ${loadavg()
        .map((l) => l.toFixed(2))
        .join(' ')}`,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
