// `pnpm test`: format → lint → typecheck → unit → e2e, then one "N passed, N failed" line summed over
// vitest and Playwright (read from their JSON reporters). Exits non-zero on any failure.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { resolve } from 'node:path';

const bin = (name) => `node_modules/.bin/${name}`;
// Absolute: vitest resolves outputFile against its root (web/), Playwright against its config folder.
const VITEST_JSON = resolve('.vitest.json');
const PLAYWRIGHT_JSON = resolve('.playwright.json');

function run(label, cmd, args, env = {}) {
  console.log(`\n▶ ${label}: ${cmd} ${args.join(' ')}`);
  const started = Date.now();
  const res = spawnSync(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const ok = res.status === 0;
  console.log(`${ok ? '✔' : '✘'} ${label} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  return ok;
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

const onlyUnit = process.argv.includes('--unit');
const failedSteps = [];
for (const f of [VITEST_JSON, PLAYWRIGHT_JSON]) rmSync(f, { force: true });

if (!run('format', bin('prettier'), ['--check', '--log-level', 'warn', '.'])) failedSteps.push('format');
if (!run('lint', bin('eslint'), ['--max-warnings', '0', '.'])) failedSteps.push('lint');
if (!run('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit'])) failedSteps.push('typecheck');
if (
  !run('unit', bin('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile=${VITEST_JSON}`])
)
  failedSteps.push('unit');
if (!onlyUnit) {
  if (
    !run('e2e', 'e2e/node_modules/.bin/playwright', ['test', '-c', 'e2e/playwright.config.ts'], {
      PLAYWRIGHT_JSON_OUTPUT_NAME: PLAYWRIGHT_JSON,
    })
  )
    failedSteps.push('e2e');
}

let passed = 0;
let failed = 0;
const vitest = readJson(VITEST_JSON);
if (vitest) {
  passed += vitest.numPassedTests ?? 0;
  failed += (vitest.numFailedTests ?? 0) + (vitest.numRuntimeErrorTestSuites ?? 0);
}
const pw = existsSync(PLAYWRIGHT_JSON) ? readJson(PLAYWRIGHT_JSON) : null;
if (pw?.stats) {
  passed += pw.stats.expected ?? 0;
  failed += (pw.stats.unexpected ?? 0) + (pw.stats.flaky ?? 0);
}
// A step that failed without failing a test (format, lint, typecheck, a crash) still counts as a failure.
const uncounted = failedSteps.filter(
  (s) => !(s === 'unit' && vitest?.numFailedTests) && !(s === 'e2e' && pw?.stats?.unexpected),
);
failed += uncounted.length;

if (failedSteps.length) console.log(`\nFailed steps: ${failedSteps.join(', ')}`);
console.log(`${passed} passed, ${failed} failed`);
process.exit(failedSteps.length ? 1 : 0);
