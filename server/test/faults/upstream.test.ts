import { createHash } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Job } from '../../src/contract/index.ts';
import { createFalProvider } from '../../src/providers/fal/index.ts';
import { createFireflyProvider } from '../../src/providers/firefly/index.ts';
import type { Provider } from '../../src/providers/interface.ts';
import { startFalEmulator, type FalEmulator, type FalFault } from '../emulators/fal.ts';
import { startFireflyEmulator, type Fault, type RunningFireflyEmulator } from '../emulators/firefly.ts';
import { getJob, postFill, startHarness, uploadImage, waitForJob, type Harness } from '../support/harness.ts';
import { rectMaskPng, texturedPng } from '../support/images.ts';

/**
 * Every upstream fault × both paid providers, end to end through the real runner, job store and API
 * (the emulators stand in for Adobe and fal). Per case: the job's final state, a message a person
 * understands with no secret in it, an end before the per-job deadline, and nothing lost (the job row,
 * its request, every finished output byte for byte). Provider-level detail (which request is retried,
 * the exact Retry-After parsing, IMS token caching) is asserted in server/test/firefly/faults.test.ts,
 * auth.test.ts and server/test/fal/failures.test.ts; this suite asserts what a user of the server sees.
 */

const FF_ID = 'faults-client-id';
const FF_SECRET = 'faults-firefly-secret-8c1d0e5a';
const FAL_KEY = 'faults-key-id:faults-key-secret-77aa19';
/** Every case must finish inside it (the slowest, 429 storms and stalls, take 3-7 s). */
const DEADLINE_MS = 10_000;
/** The stuck cases, which only end at the deadline, get a server with a shorter one. */
const STUCK_DEADLINE_MS = 3000;
/** Requests slower than this are abandoned and retried: long by default (the Firefly emulator renders
 * 1024² fills on this thread), short in the timeout cases, which stall answers for STALL_MS. */
const REQUEST_TIMEOUT_MS = 5000;
const SHORT_TIMEOUT_MS = 1000;
const STALL_MS = 2500;
const FOREVER = Number.POSITIVE_INFINITY;

interface Upstreams {
  firefly: RunningFireflyEmulator;
  fal: FalEmulator;
}

interface Case {
  provider: 'firefly' | 'fal';
  fault: string;
  /** Armed before the job is submitted. */
  before?: (u: Upstreams) => void;
  /** Run once the job has reached the upstream (its first submit was received). */
  during?: (u: Upstreams) => void;
  status: 'succeeded' | 'failed';
  code?: string;
  message?: RegExp;
  requestTimeoutMs?: number;
  /** The per-job deadline of this case's server (default DEADLINE_MS). */
  deadlineMs?: number;
  /** Lower bound on the job's run time (Retry-After honoured). */
  atLeastMs?: number;
  check?: (u: Upstreams, job: Job) => void;
}

const ff = (f: Fault) => (u: Upstreams) => u.firefly.emulator.inject(f);
const fal = (f: FalFault) => (u: Upstreams) => u.fal.fault(f);
const retryAfter = { 'retry-after': '1' };

const CASES: Case[] = [
  // --- Adobe Firefly ---
  {
    provider: 'firefly',
    fault: 'IMS token expires mid-job',
    during: (u) => u.firefly.emulator.expireTokens(),
    status: 'succeeded',
    // A 401 on a poll drops the token and asks IMS again; the job carries on.
    check: (u) => expect(u.firefly.emulator.count('ims')).toBeGreaterThanOrEqual(2),
  },
  {
    provider: 'firefly',
    fault: '429 storm on submit, Retry-After 1 s',
    before: ff({
      route: 'fill',
      status: 429,
      headers: retryAfter,
      times: 3,
      body: { error_code: 'rate_limited' },
    }),
    status: 'succeeded',
    atLeastMs: 2900,
    check: (u) => expect(u.firefly.emulator.count('fill')).toBe(4),
  },
  {
    provider: 'firefly',
    fault: '429 storm on status polls, Retry-After 1 s',
    before: ff({ route: 'status', status: 429, headers: retryAfter, times: 3 }),
    status: 'succeeded',
    atLeastMs: 2900,
  },
  {
    provider: 'firefly',
    fault: '5xx burst on status polls',
    before: ff({ route: 'status', status: 503, times: 3, body: { error_code: 'service_unavailable' } }),
    status: 'succeeded',
  },
  {
    provider: 'firefly',
    fault: 'persistent 500 on submit',
    before: ff({ route: 'fill', status: 500, times: FOREVER, body: { error_code: 'runtime_error' } }),
    status: 'failed',
    code: 'upstream_error',
    message: /Adobe Firefly had a problem .*HTTP 500.*gave up after \d+ attempts/,
  },
  {
    provider: 'firefly',
    fault: 'status answers slower than the request timeout, twice',
    before: ff({ route: 'status', delayMs: STALL_MS, times: 2 }),
    requestTimeoutMs: SHORT_TIMEOUT_MS,
    status: 'succeeded',
  },
  {
    provider: 'firefly',
    fault: 'submit never answers in time',
    before: ff({ route: 'fill', delayMs: STALL_MS, times: FOREVER }),
    requestTimeoutMs: SHORT_TIMEOUT_MS,
    status: 'failed',
    code: 'upstream_error',
    message: /no answer within .*gave up after \d+ attempts/,
  },
  {
    provider: 'firefly',
    fault: 'connections dropped on status, twice',
    before: ff({ route: 'status', drop: true, times: 2 }),
    status: 'succeeded',
  },
  {
    provider: 'firefly',
    fault: 'every connection dropped on upload',
    before: ff({ route: 'upload', drop: true, times: FOREVER }),
    status: 'failed',
    code: 'upstream_error',
    message: /Could not reach Adobe Firefly .*gave up after \d+ attempts/,
  },
  {
    provider: 'firefly',
    fault: 'result URLs expired (403)',
    before: ff({ route: 'result', status: 403, times: FOREVER, body: 'AccessDenied' }),
    status: 'failed',
    message: /expired on Adobe's side before they could be saved/,
  },
  {
    provider: 'firefly',
    fault: 'upstream loses the job (404 on status)',
    before: ff({
      route: 'status',
      status: 404,
      times: FOREVER,
      body: { error_code: 'unknown_job_id', message: 'The job id is unknown.' },
    }),
    status: 'failed',
    message: /^Adobe Firefly lost track of this job/,
  },
  {
    provider: 'firefly',
    fault: 'upstream says running forever',
    before: ff({ route: 'status', status: 200, times: FOREVER, body: { status: 'running', progress: 40 } }),
    deadlineMs: STUCK_DEADLINE_MS,
    status: 'failed',
    code: 'timeout',
    message: /still running after 3000 ms, so the server stopped it/,
    atLeastMs: STUCK_DEADLINE_MS - 200,
  },
  // --- fal FLUX.1 pro Fill ---
  {
    provider: 'fal',
    fault: 'key rejected mid-job (401)',
    during: fal({ route: 'status', status: 401, times: FOREVER, body: { detail: 'Unauthorized' } }),
    status: 'failed',
    code: 'provider_unavailable',
    message: /^fal refused the API key \(check FAL_KEY\)/,
  },
  {
    provider: 'fal',
    fault: '429 storm on submit, Retry-After 1 s',
    before: fal({
      route: 'submit',
      status: 429,
      headers: retryAfter,
      times: 3,
      body: { detail: 'Rate limited' },
    }),
    status: 'succeeded',
    atLeastMs: 2900,
  },
  {
    provider: 'fal',
    fault: '429 storm on status polls, Retry-After 1 s',
    before: fal({
      route: 'status',
      status: 429,
      headers: retryAfter,
      times: 3,
      body: { detail: 'Rate limited' },
    }),
    status: 'succeeded',
    atLeastMs: 2900,
  },
  {
    provider: 'fal',
    fault: '5xx burst on status polls',
    before: fal({ route: 'status', status: 502, times: 3, body: { detail: 'Bad gateway' } }),
    status: 'succeeded',
  },
  {
    provider: 'fal',
    fault: 'persistent 500 on submit',
    before: fal({ route: 'submit', status: 500, times: FOREVER, body: { detail: 'Internal error' } }),
    status: 'failed',
    code: 'upstream_error',
    message: /^fal answered HTTP 500 while submitting the fill.*gave up after \d+ attempts/,
  },
  {
    provider: 'fal',
    fault: 'status answers slower than the request timeout, twice',
    before: fal({ route: 'status', delayMs: STALL_MS, times: 2 }),
    requestTimeoutMs: SHORT_TIMEOUT_MS,
    status: 'succeeded',
  },
  {
    provider: 'fal',
    fault: 'submit never answers in time',
    before: fal({ route: 'submit', delayMs: STALL_MS, times: FOREVER }),
    requestTimeoutMs: SHORT_TIMEOUT_MS,
    status: 'failed',
    message: /^fal did not answer within 1 s while submitting.*gave up after \d+ attempts/,
  },
  {
    provider: 'fal',
    fault: 'connections dropped on status, twice',
    before: fal({ route: 'status', drop: true, times: 2 }),
    status: 'succeeded',
  },
  {
    provider: 'fal',
    fault: 'every connection dropped on submit',
    before: fal({ route: 'submit', drop: true, times: FOREVER }),
    status: 'failed',
    message: /^Could not reach fal .*gave up after \d+ attempts/,
  },
  {
    provider: 'fal',
    fault: 'result files expired (404 on download)',
    before: fal({ route: 'file', status: 404, times: FOREVER, body: 'Not Found' }),
    status: 'failed',
    message: /no longer available \(HTTP 404: its link expired/,
  },
  {
    provider: 'fal',
    fault: 'upstream loses the request (404 on status)',
    before: fal({ route: 'status', status: 404, times: FOREVER, body: { detail: 'Request not found' } }),
    status: 'failed',
    message: /^fal lost track of this job/,
  },
  {
    provider: 'fal',
    fault: 'request stays queued forever',
    before: (u) => u.fal.script({ queuePolls: 1_000_000 }),
    deadlineMs: STUCK_DEADLINE_MS,
    status: 'failed',
    code: 'timeout',
    message: /still running after 3000 ms, so the server stopped it/,
    atLeastMs: STUCK_DEADLINE_MS - 200,
  },
];

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const c of cleanups.reverse()) await c();
});

/** A server of its own per case, so faults (armed per route) never reach another case's job. */
async function setUp(requestTimeoutMs: number, deadlineMs: number): Promise<{ u: Upstreams; h: Harness }> {
  const firefly = await startFireflyEmulator({
    clientId: FF_ID,
    clientSecret: FF_SECRET,
    fillMethod: 'diffusion',
    pendingPolls: 2,
    runningPolls: 2,
  });
  const falEmu = await startFalEmulator({ key: FAL_KEY });
  falEmu.script({ queuePolls: 2, progressPolls: 2 });
  const h = await startHarness({
    env: { JOB_DEADLINE_MINUTES: String(deadlineMs / 60_000) },
    providers: (deps) => ({
      registry: new Map<'firefly' | 'fal', Provider>([
        [
          'firefly',
          createFireflyProvider(
            {
              clientId: FF_ID,
              clientSecret: FF_SECRET,
              apiBaseUrl: firefly.apiBaseUrl,
              imsUrl: firefly.imsUrl,
              scopes: 'openid,AdobeID,firefly_api,ff_apis',
              rpm: 10_000,
              pollIntervalMs: { minMs: 50, maxMs: 200 },
              requestTimeoutMs,
            },
            deps,
          ),
        ],
        [
          'fal',
          createFalProvider(
            {
              key: FAL_KEY,
              queueBaseUrl: falEmu.url,
              restBaseUrl: falEmu.url,
              resultHosts: [new URL(falEmu.url).host],
              requestTimeoutMs,
            },
            deps,
          ),
        ],
      ]) as never,
      close: async () => undefined,
    }),
  });
  cleanups.push(async () => {
    await h.cleanup();
    await firefly.close();
    await falEmu.close();
  });
  return { u: { firefly, fal: falEmu }, h };
}

function secretsOf(u: Upstreams): string[] {
  return [FF_SECRET, FAL_KEY, ...FAL_KEY.split(':'), ...u.firefly.emulator.issuedTokens()];
}

const submitted = (u: Upstreams, provider: Case['provider']) =>
  provider === 'firefly' ? u.firefly.emulator.count('fill') > 0 : u.fal.jobs.size > 0;

async function runCase(c: Case) {
  const deadlineMs = c.deadlineMs ?? DEADLINE_MS;
  const { u, h } = await setUp(c.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, deadlineMs);
  const imageId = (await uploadImage(h.app, await texturedPng(64, 48))).body.id;
  const maskId = (await uploadImage(h.app, await rectMaskPng(64, 48, { x: 16, y: 12, w: 24, h: 18 }))).body
    .id;
  c.before?.(u);
  const prompt = `moss on stone (${c.fault})`;
  const request =
    c.provider === 'firefly'
      ? { provider: 'firefly' as const, imageId, maskId, prompt, size: { width: 1024, height: 1024 } }
      : { provider: 'fal' as const, imageId, maskId, prompt };
  const { res, body } = await postFill(h.app, request);
  expect(res.status, JSON.stringify(body)).toBe(202);
  const id = body.id as string;
  if (c.during) {
    const waitUntil = Date.now() + 5000;
    while (!submitted(u, c.provider) && Date.now() < waitUntil) await new Promise((r) => setTimeout(r, 5));
    expect(submitted(u, c.provider)).toBe(true);
    c.during(u);
  }
  const job = await waitForJob(h.app, id, ['succeeded', 'failed', 'cancelled'], deadlineMs + 5000);
  const summary = JSON.stringify(job);

  // Final state and a clear reason.
  expect(job.status, summary).toBe(c.status);
  if (c.status === 'failed') {
    expect(job.error, summary).toBeDefined();
    if (c.code) expect(job.error?.code, summary).toBe(c.code);
    if (c.message) expect(job.error?.message, summary).toMatch(c.message);
    expect(job.error!.message.length).toBeGreaterThan(20);
    expect(job.error!.message).not.toMatch(/\[object |undefined|TypeError|stack/);
  }

  // Ended before its deadline (counted from the first start), and not before Retry-After allowed.
  const ran = Date.parse(job.finishedAt!) - Date.parse(job.startedAt ?? job.createdAt);
  expect(ran, summary).toBeLessThanOrEqual(deadlineMs + 1500);
  if (c.atLeastMs) expect(ran, summary).toBeGreaterThanOrEqual(c.atLeastMs);

  // Nothing lost: the row is listed with its request; every output is stored and intact.
  const list = (await (await h.app.request('/api/jobs?limit=50')).json()) as { jobs: { id: string }[] };
  expect(list.jobs.map((j) => j.id)).toContain(id);
  expect((await getJob(h.app, id)).request).toMatchObject({ prompt });
  if (c.status === 'succeeded') {
    expect(job.outputs.length).toBe(1);
    for (const o of job.outputs) {
      const img = await h.app.request(`/api/images/${o.imageId}`);
      expect(img.status).toBe(200);
      const bytes = new Uint8Array(await img.arrayBuffer());
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(o.imageId);
    }
  }

  // No secret in the job, its error or any log line.
  const everything = `${summary}\n${h.logs.join('\n')}`;
  const secrets = secretsOf(u);
  expect(secrets.length).toBeGreaterThan(3);
  for (const s of secrets) expect(everything.includes(s), `leaked ${s.slice(0, 6)}…`).toBe(false);
  c.check?.(u, job);
}

describe('upstream faults, end to end (provider × fault)', () => {
  for (const c of CASES) {
    // The Firefly emulator renders on the test's own thread, so its cases run one at a time.
    const test = c.provider === 'fal' ? it.concurrent : it;
    test(`${c.provider}: ${c.fault}`, () => runCase(c), DEADLINE_MS + 20_000);
  }
});
