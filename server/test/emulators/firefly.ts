import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import sharp from 'sharp';
import type { FillMethod } from '../../src/engine/index.ts';
import { renderFill, type Rendered, type Upload } from './firefly/render.ts';
import { validateFill, type FillSpec } from './firefly/validate.ts';

/**
 * Adobe Firefly Services on loopback, as seeds/000–003 and notes/upstream-apis.md Part A describe it:
 * IMS token, upload, fill-async, status, cancel, and pre-signed-like result URLs. Test equipment only.
 */

export type FireflyRoute = 'ims' | 'upload' | 'fill' | 'status' | 'cancel' | 'result' | 'other';

export interface RecordedRequest {
  route: FireflyRoute;
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Text bodies (JSON, form) as text; binary bodies are only measured. */
  body?: string;
  bodyBytes: number;
  at: number;
}

/** One injected fault: answers the next `times` matching requests (default 1) instead of the real handler. */
export interface Fault {
  route: FireflyRoute | '*';
  times?: number;
  /** Answer with this status (and body/headers) instead of handling the request. */
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait before answering (then handle normally unless status/drop is set). */
  delayMs?: number;
  /** Destroy the connection without an answer. */
  drop?: boolean;
}

/** How the next submitted job ends (instead of succeeding). */
export type JobOutcome = { status: 'failed'; error_code: string; message?: string } | { status: 'timeout' };

export interface FireflyEmulatorOptions {
  clientId?: string;
  clientSecret?: string;
  /** IMS `expires_in` in seconds (default 86399). */
  tokenTtlSeconds?: number;
  /** Status polls answered `pending`, then `running` (with progress), before the job ends. */
  pendingPolls?: number;
  runningPolls?: number;
  /** Result URLs answer 403 this long after the job succeeded (default 1 h, as Firefly's). */
  resultTtlMs?: number;
  /** fill-async submits per minute before 429 rate_limited (default: unlimited). */
  rpm?: number;
  /** Local engine method for the emulated fills; 'diffusion' is fast for tests. */
  fillMethod?: FillMethod;
  /** Origin put in statusUrl/cancelUrl (real Firefly sometimes answers an internal host). */
  advertisedOrigin?: string;
  now?: () => number;
}

interface EmulatedJob {
  id: string;
  spec: FillSpec;
  polls: number;
  state: 'pending' | 'running' | 'succeeded' | 'failed' | 'timeout' | 'cancel_pending' | 'canceled';
  outcome?: JobOutcome;
  render: () => Promise<Rendered[]>;
  cancelShown?: boolean;
  result?: { outputs: { seed: number; image: { url: string } }[]; size: { width: number; height: number } };
}

const MAX_UPLOAD = 15 * 1024 * 1024;
const IMAGE_TYPES = new Set(['image/jpeg', 'image/png', 'image/webp']);

export function createFireflyEmulator(options: FireflyEmulatorOptions = {}) {
  const opts = {
    clientId: 'emulator-client-id',
    clientSecret: 'emulator-client-secret',
    tokenTtlSeconds: 86399,
    pendingPolls: 1,
    runningPolls: 2,
    resultTtlMs: 3600_000,
    fillMethod: 'auto' as FillMethod,
    ...options,
  };
  const now = opts.now ?? Date.now;
  const tokens = new Map<string, number>();
  const uploads = new Map<string, Upload>();
  const jobs = new Map<string, EmulatedJob>();
  const results = new Map<string, { bytes: Uint8Array; expiresAt: number }>();
  const requests: RecordedRequest[] = [];
  let faults: (Fault & { left: number })[] = [];
  const outcomes: JobOutcome[] = [];
  const submits: number[] = [];
  const renders = new Map<string, Promise<Rendered[]>>();

  const app = new Hono<{ Bindings: HttpBindings }>();

  // --- control API (for e2e runs in another process) ---
  const control = new Hono();
  control.post('/faults', async (c) => {
    emulator.inject((await c.req.json()) as Fault);
    return c.json({ ok: true });
  });
  control.post('/expire-tokens', (c) => (emulator.expireTokens(), c.json({ ok: true })));
  control.post('/expire-results', (c) => (emulator.expireResults(), c.json({ ok: true })));
  control.post('/next-job', async (c) => {
    emulator.nextJob((await c.req.json()) as JobOutcome);
    return c.json({ ok: true });
  });
  control.get('/requests', (c) => c.json({ requests }));
  control.post('/reset', (c) => (emulator.reset(), c.json({ ok: true })));
  app.route('/__emulator', control);

  // --- recording and fault injection ---
  app.use('*', async (c, next) => {
    if (c.req.path.startsWith('/__emulator')) return next();
    const route = routeOf(c.req.path);
    const raw = new Uint8Array(await c.req.raw.clone().arrayBuffer());
    const type = c.req.header('content-type') ?? '';
    const textual =
      type.includes('json') || type.includes('x-www-form-urlencoded') || type.startsWith('text/');
    requests.push({
      route,
      method: c.req.method,
      path: c.req.path,
      headers: Object.fromEntries(c.req.raw.headers),
      ...(textual ? { body: new TextDecoder().decode(raw) } : {}),
      bodyBytes: raw.byteLength,
      at: now(),
    });
    const fault = faults.find((f) => f.left > 0 && (f.route === '*' || f.route === route));
    if (!fault) return next();
    fault.left--;
    if (fault.delayMs) await new Promise((r) => setTimeout(r, fault.delayMs));
    if (fault.drop) {
      c.env?.incoming?.socket.destroy();
      return new Response(null, { status: 500 });
    }
    if (fault.status === undefined) return next();
    const body =
      fault.body === undefined
        ? null
        : typeof fault.body === 'string'
          ? fault.body
          : JSON.stringify(fault.body);
    return new Response(body, {
      status: fault.status,
      headers: {
        ...(typeof fault.body === 'object' ? { 'content-type': 'application/json' } : {}),
        ...fault.headers,
      },
    });
  });

  // --- IMS ---
  app.post('/ims/token/v3', async (c) => {
    const form = new URLSearchParams(await c.req.text());
    const q = new URL(c.req.url).searchParams;
    const get = (k: string) => form.get(k) ?? q.get(k);
    if (get('grant_type') !== 'client_credentials') {
      return c.json(
        { error: 'unsupported_grant_type', error_description: 'grant_type must be client_credentials' },
        400,
      );
    }
    if (get('client_id') !== opts.clientId) {
      return c.json({ error: 'invalid_client', error_description: 'invalid client_id parameter' }, 400);
    }
    if (get('client_secret') !== opts.clientSecret) {
      return c.json({ error: 'invalid_client', error_description: 'invalid client_secret parameter' }, 401);
    }
    const token = `eyJemu.${randomUUID().replaceAll('-', '')}.${randomUUID().replaceAll('-', '')}`;
    tokens.set(token, now() + opts.tokenTtlSeconds * 1000);
    return c.json({ access_token: token, token_type: 'bearer', expires_in: opts.tokenTtlSeconds });
  });

  // --- Firefly API auth (gateway) ---
  const firefly = new Hono<{ Bindings: HttpBindings }>();
  const gateway = async (c: Context<{ Bindings: HttpBindings }>, next: () => Promise<void>) => {
    const auth = c.req.header('authorization') ?? '';
    const token = auth.startsWith('Bearer ') ? auth.slice(7) : '';
    const expiresAt = tokens.get(token);
    if (expiresAt === undefined || now() >= expiresAt) {
      return c.json({ error_code: '401013', message: 'Oauth token is not valid' }, 401);
    }
    if (c.req.header('x-api-key') !== opts.clientId) {
      return c.json({ error_code: '403003', message: 'Api Key is invalid' }, 403);
    }
    return next();
  };
  firefly.use('/v2/*', gateway);
  firefly.use('/v3/*', gateway);

  firefly.post('/v2/storage/image', async (c) => {
    const type = (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!IMAGE_TYPES.has(type))
      return c.json({ message: 'Unsupported Media Type', error_code: '10075' }, 415);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    if (bytes.byteLength > MAX_UPLOAD) {
      return c.html('<html><body><h1>413 Request Entity Too Large</h1></body></html>', 413);
    }
    const meta = await sharp(bytes)
      .metadata()
      .catch(() => null);
    if (!meta?.width || !meta.height || `image/${meta.format === 'jpeg' ? 'jpeg' : meta.format}` !== type) {
      return c.json({ message: 'Bad Request', error_code: '10075' }, 400);
    }
    const id = randomUUID();
    uploads.set(id, { bytes, contentType: type, width: meta.width, height: meta.height, createdAt: now() });
    return c.json({ images: [{ id }] });
  });

  firefly.post('/v3/images/fill-async', async (c) => {
    if (!(c.req.header('content-type') ?? '').includes('application/json')) {
      return c.json(
        { error_code: 'invalid_content_type', message: 'Content-Type must be application/json' },
        415,
      );
    }
    const text = await c.req.text();
    if (text.trim() === '')
      return c.json({ error_code: 'empty_input_body', message: 'Request body is empty' }, 400);
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error_code: 'bad_request', message: 'Request body is not valid JSON' }, 400);
    }
    if (opts.rpm !== undefined) {
      const windowStart = now() - 60_000;
      while (submits.length > 0 && submits[0]! <= windowStart) submits.shift();
      if (submits.length >= opts.rpm) {
        const wait = Math.max(1, Math.ceil((submits[0]! + 60_000 - now()) / 1000));
        c.header('retry-after', String(wait));
        c.header('x-access-rate-limit-level', 'org');
        return c.json(
          { error_code: 'rate_limited', message: 'Too many requests. Please try again later.' },
          429,
        );
      }
      submits.push(now());
    }
    const parsed = validateFill(body, Math.random);
    if (!parsed.ok) return c.json({ error_code: 'validation_error', validation_errors: parsed.errors }, 422);
    const { spec } = parsed;
    const source = live(spec.sourceUploadId);
    const mask = live(spec.maskUploadId);
    if (!source || !mask) {
      return c.json({ error_code: 'bad_request', message: 'Unknown or expired uploadId' }, 400);
    }
    const mismatch: string[] = [];
    if (source.width !== mask.width || source.height !== mask.height) {
      mismatch.push('The input image and mask image must match in pixel dimensions.');
    }
    if (Math.max(mask.width, mask.height) < 600) {
      mismatch.push('The minimum accepted size for the larger side of the image is 600 px.');
    }
    if (mismatch.length > 0) {
      return c.json(
        {
          error_code: 'validation_error',
          validation_errors: mismatch.map((msg) => ({ loc: ['body', 'mask'], msg, type: 'value_error' })),
        },
        422,
      );
    }
    const id = `urn:ff:jobs:emu${Math.floor(Math.random() * 1e6)}:${randomUUID()}`;
    const outcome = outcomes.shift();
    let rendering: Promise<Rendered[]> | undefined;
    // Rendered from the first status poll on, so jobs nobody polls cost nothing.
    const render = () =>
      (rendering ??= Promise.all(
        spec.seeds.map((seed) => {
          // Fills are deterministic per (inputs, seed, size): repeat requests reuse the pixels.
          const key = [
            spec.sourceUploadId,
            spec.maskUploadId,
            spec.invert,
            seed,
            spec.size.width,
            spec.size.height,
          ].join('|');
          let one = renders.get(key);
          if (!one) {
            one = renderFill(source, mask, {
              seeds: [seed],
              size: spec.size,
              invert: spec.invert,
              method: opts.fillMethod,
            });
            renders.set(key, one);
          }
          return one.then((r) => r[0]!);
        }),
      ));
    jobs.set(id, { id, spec, polls: 0, state: 'pending', ...(outcome ? { outcome } : {}), render });
    const origin = opts.advertisedOrigin ?? new URL(c.req.url).origin;
    return c.json(
      { jobId: id, statusUrl: `${origin}/v3/status/${id}`, cancelUrl: `${origin}/v3/cancel/${id}` },
      202,
      { link: `<${origin}/v3/status/${id}>; rel="status", <${origin}/v3/cancel/${id}>; rel="cancel"` },
    );
  });

  firefly.get('/v3/status/:jobId', async (c) => {
    const job = jobs.get(c.req.param('jobId'));
    if (!job) return c.json({ error_code: 'unknown_job_id', message: 'The job id is unknown.' }, 404);
    await advance(job, new URL(c.req.url).origin);
    const base = { jobId: job.id, status: job.state };
    switch (job.state) {
      case 'pending':
        return c.json(base);
      case 'running':
        return c.json({
          ...base,
          progress: Math.round((100 * (job.polls - opts.pendingPolls)) / (opts.runningPolls + 1)),
        });
      case 'succeeded':
        return c.json({ ...base, result: job.result });
      case 'failed':
        return c.json({
          ...base,
          error_code: job.outcome?.status === 'failed' ? job.outcome.error_code : 'runtime_error',
          message: job.outcome?.status === 'failed' ? (job.outcome.message ?? '') : 'The fill failed.',
        });
      case 'timeout':
        return c.json({ ...base, error_code: 'timeout_error', message: 'The job timed out.' });
      case 'cancel_pending':
      case 'canceled':
        return c.json({ ...base, error_code: 'job_canceled', message: 'The job was canceled.' });
    }
  });

  firefly.put('/v3/cancel/:jobId', (c) => {
    const job = jobs.get(c.req.param('jobId'));
    if (!job) return c.json({ error_code: 'unknown_job_id', message: 'The job id is unknown.' }, 404);
    if (job.state === 'succeeded' || job.state === 'failed') {
      return c.json({ error_code: 'job_completed', message: 'The job was already completed.' }, 409);
    }
    if (job.state === 'canceled' || job.state === 'cancel_pending') {
      return c.json({ error_code: 'job_already_canceled', message: 'The job was already canceled.' }, 409);
    }
    if (job.state === 'timeout')
      return c.json({ error_code: 'job_timeout', message: 'The job timed out.' }, 410);
    job.state = 'cancel_pending';
    return c.json({});
  });

  app.route('/', firefly);

  // Results: pre-signed-URL-like, no auth, 403 once expired (S3 answers an XML AccessDenied).
  app.get('/results/:name', (c) => {
    const entry = results.get(c.req.param('name').replace(/\.jpg$/, ''));
    if (!entry) return c.text('Not Found', 404);
    if (now() >= entry.expiresAt) {
      return c.body(
        '<?xml version="1.0"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>',
        403,
        {
          'content-type': 'application/xml',
        },
      );
    }
    return c.body(entry.bytes as Uint8Array<ArrayBuffer>, 200, { 'content-type': 'image/jpeg' });
  });

  function live(uploadId: string): Upload | undefined {
    const u = uploads.get(uploadId);
    return u && now() - u.createdAt < 7 * 24 * 3600_000 ? u : undefined;
  }

  /** One status poll moves the job: pending → running (progress) → its outcome. */
  async function advance(job: EmulatedJob, origin: string): Promise<void> {
    job.polls++;
    if (job.state === 'cancel_pending') {
      // One poll answers cancel_pending, the next canceled.
      if (job.cancelShown) job.state = 'canceled';
      job.cancelShown = true;
      return;
    }
    if (job.state !== 'pending' && job.state !== 'running') return;
    if (!job.outcome) job.render().catch(() => undefined);
    if (job.polls <= opts.pendingPolls) job.state = 'pending';
    else if (job.polls <= opts.pendingPolls + opts.runningPolls) job.state = 'running';
    else if (job.outcome) job.state = job.outcome.status;
    else {
      const rendered = await job.render();
      const expiresAt = now() + opts.resultTtlMs;
      const outputs = rendered.map((r) => {
        const name = randomUUID();
        results.set(name, { bytes: r.bytes, expiresAt });
        return { seed: r.seed, image: { url: `${origin}/results/${name}.jpg?X-Amz-Expires=3600` } };
      });
      job.result = { outputs, size: job.spec.size };
      job.state = 'succeeded';
    }
  }

  const emulator = {
    app,
    options: opts,
    requests,
    jobs,
    inject(fault: Fault) {
      faults.push({ ...fault, left: fault.times ?? 1 });
    },
    /** Every issued token answers 401 from now on (as an expired token would). */
    expireTokens() {
      for (const t of tokens.keys()) tokens.set(t, 0);
    },
    expireResults() {
      for (const r of results.values()) r.expiresAt = 0;
    },
    nextJob(outcome: JobOutcome) {
      outcomes.push(outcome);
    },
    /** An upload's stored bytes and size, while its id is valid. */
    uploadInfo: (id: string) => live(id),
    /** Every access token IMS handed out (for scans that they leak nowhere). */
    issuedTokens: () => [...tokens.keys()],
    count(route: FireflyRoute, method?: string) {
      return requests.filter((r) => r.route === route && (!method || r.method === method)).length;
    },
    reset() {
      requests.length = 0;
      faults = [];
      outcomes.length = 0;
    },
  };
  return emulator;
}

export type FireflyEmulator = ReturnType<typeof createFireflyEmulator>;

function routeOf(path: string): FireflyRoute {
  if (path === '/ims/token/v3') return 'ims';
  if (path === '/v2/storage/image') return 'upload';
  if (path === '/v3/images/fill-async') return 'fill';
  if (path.startsWith('/v3/status/')) return 'status';
  if (path.startsWith('/v3/cancel/')) return 'cancel';
  if (path.startsWith('/results/')) return 'result';
  return 'other';
}

export interface RunningFireflyEmulator {
  emulator: FireflyEmulator;
  /** http://127.0.0.1:PORT — use as FIREFLY_API_BASE_URL. */
  apiBaseUrl: string;
  /** Use as FIREFLY_IMS_URL. */
  imsUrl: string;
  host: string;
  close(): Promise<void>;
}

/** Serves an emulator on 127.0.0.1 at a free port. */
export async function startFireflyEmulator(
  options: FireflyEmulatorOptions = {},
  port = 0,
): Promise<RunningFireflyEmulator> {
  const emulator = createFireflyEmulator(options);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: emulator.app.fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port: actual } = server.address() as AddressInfo;
  const host = `127.0.0.1:${actual}`;
  return {
    emulator,
    apiBaseUrl: `http://${host}`,
    imsUrl: `http://${host}/ims/token/v3`,
    host,
    close: () =>
      new Promise<void>((resolve) => {
        const s = server as unknown as { closeAllConnections?: () => void; close: (cb: () => void) => void };
        s.closeAllConnections?.();
        s.close(() => resolve());
      }),
  };
}
