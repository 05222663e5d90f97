// Browser benchmark: first-load JS size (gzip) and click-to-result time on the local engine.
// Run: pnpm exec tsx e2e/bench/journey.ts  (needs ../shared/bench-data and a built web app: `pnpm build`)
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium, startStack } from '../support/browser.ts';
import { Studio } from '../support/studio.ts';

const root = resolve(import.meta.dirname, '../..');
const benchData = resolve(root, '../shared/bench-data');
const port = 8795;
const runs = Number(process.env.RUNS ?? 3);

function firstLoadJs(): { raw: number; gzip: number } {
  const html = readFileSync(join(root, 'dist/web/index.html'), 'utf8');
  const scripts = [...html.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!);
  let raw = 0;
  let gzip = 0;
  for (const s of scripts) {
    const bytes = readFileSync(join(root, 'dist/web', s));
    raw += bytes.length;
    gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return { raw, gzip };
}

async function main() {
  if (!existsSync(benchData)) throw new Error(`bench data not found at ${benchData}`);
  if (!existsSync(join(root, 'dist/web/index.html'))) throw new Error('build the web app first: pnpm build');
  const js = firstLoadJs();
  console.log(
    `first-load JS: ${(js.raw / 1024).toFixed(1)} KiB raw, ${(js.gzip / 1024).toFixed(1)} KiB gzip`,
  );
  console.log(`assets: ${readdirSync(join(root, 'dist/web/assets')).join(', ')}`);

  const server = await startStack(port);
  try {
    const browser = await launchChromium();
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
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
      times.push(performance.now() - t0);
      await page.close();
    }
    await browser.close();
    times.sort((a, b) => a - b);
    console.log(
      `click-to-result, 1024 px photo, local engine, ${cpus().length} cores: median ${(times[Math.floor(times.length / 2)]! / 1000).toFixed(2)} s over ${runs} runs (${times.map((t) => (t / 1000).toFixed(2)).join(', ')})`,
    );
  } finally {
    server.kill('SIGTERM');
  }
}

await main();
