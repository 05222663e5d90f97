import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve, type HttpBindings } from '@hono/node-server';
import { Hono, type Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import sharp from 'sharp';
import { fill, type FillMethod } from '../../src/engine/index.ts';

/**
 * fal queue + storage emulator for FLUX.1 [pro] Fill (seed 004, notes Part B). Test equipment only.
 * One base URL serves both `queue.fal.run` and `rest.fal.ai` paths. A request's life is driven by status
 * polls (deterministic, no timers): `queuePolls` answers IN_QUEUE with the position counting down, then
 * `progressPolls` answers IN_PROGRESS with growing logs, then COMPLETED. Outputs are real local-engine
 * fills, served from this emulator, so tests can check pixels.
 */

export type FalRoute = 'submit' | 'status' | 'result' | 'cancel' | 'initiate' | 'upload' | 'file';

/** A one-shot (or `times`-shot) fault on a route: an HTTP answer, or a dropped connection. */
export interface FalFault {
  route: FalRoute;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  drop?: boolean;
  /** Answer (or drop) only after this long: a stalled upstream. */
  delayMs?: number;
  times?: number;
}

/** How requests submitted from now on behave. */
export interface FalScript {
  queuePolls: number;
  progressPolls: number;
  /** The result call answers this instead of the fill (e.g. 422 `{"detail":[…]}`). */
  failResult?: { status: number; body: unknown; headers?: Record<string, string> };
  /** Per output index: flagged by the "safety checker" (output comes back black, as on fal). */
  nsfw?: boolean[];
  /** fal only signals a running request; by default it still completes. */
  honourRunningCancel?: boolean;
  /** Local engine method for the outputs; diffusion (default) is fast, 'auto' looks like a real fill. */
  method?: FillMethod;
  /** HTTP status for ALREADY_COMPLETED (fal does not document it). */
  alreadyCompletedStatus?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  /** Parsed JSON, or the byte count of a binary body. */
  body?: unknown;
}

interface FalLog {
  message: string;
  level: 'INFO';
  source: 'USER';
  timestamp: string;
}

export interface EmulatedRequest {
  id: string;
  input: Record<string, unknown>;
  script: FalScript;
  phase: 'queued' | 'running' | 'completed';
  queueLeft: number;
  progressLeft: number;
  logs: FalLog[];
  cancelRequested: boolean;
  outcome?: Outcome;
  /** The fill, started when the request starts running; awaited by the poll that completes it. */
  work?: Promise<Outcome>;
}

type Outcome = { status: number; body: unknown; headers?: Record<string, string> };

interface StoredFile {
  bytes: Uint8Array;
  contentType: string;
}

const APP = 'fal-ai/flux-pro';
const ERRORS_URL = 'https://docs.fal.ai/errors';
const SAFETY = ['1', '2', '3', '4', '5', '6'];

export function createFalEmulatorApp(key: string) {
  const requests: RecordedRequest[] = [];
  const faults: FalFault[] = [];
  const jobs = new Map<string, EmulatedRequest>();
  const files = new Map<string, StoredFile>();
  const pendingUploads = new Map<string, { fileKey: string; contentType: string }>();
  let script: FalScript = { queuePolls: 1, progressPolls: 1 };

  const app = new Hono<{ Bindings: HttpBindings }>();

  app.use(async (c, next) => {
    if (c.req.path.startsWith('/_emulator/')) return next();
    const headers: Record<string, string> = {};
    c.req.raw.headers.forEach((v, k) => (headers[k] = v));
    const entry: RecordedRequest = { method: c.req.method, path: c.req.path, query: c.req.query(), headers };
    if (c.req.method !== 'GET') {
      const buf = new Uint8Array(await c.req.arrayBuffer());
      const type = headers['content-type'] ?? '';
      entry.body = type.includes('json') ? safeJson(new TextDecoder().decode(buf)) : buf.byteLength;
    }
    requests.push(entry);
    await next();
  });

  /** Applies the next fault queued for this route, if any. */
  async function fault(c: Context<{ Bindings: HttpBindings }>, route: FalRoute): Promise<Response | null> {
    const i = faults.findIndex((f) => f.route === route);
    if (i < 0) return null;
    const f = faults[i]!;
    f.times = (f.times ?? 1) - 1;
    if (f.times <= 0) faults.splice(i, 1);
    if (f.delayMs) await new Promise((r) => setTimeout(r, f.delayMs));
    if (f.drop) {
      c.env.incoming.socket.destroy();
      return new Response(null, { status: 500 });
    }
    const status = f.status ?? 503;
    const body = f.body === undefined ? { detail: 'Service temporarily unavailable' } : f.body;
    return new Response(typeof body === 'string' ? body : JSON.stringify(body), {
      status,
      headers: { 'content-type': typeof body === 'string' ? 'text/html' : 'application/json', ...f.headers },
    });
  }

  function unauthorized(c: Context): Response | null {
    const auth = c.req.header('authorization') ?? '';
    if (!/^Key [^:\s]+:[^:\s]+$/.test(auth)) {
      return c.json(
        { detail: "Invalid Key Authorization header format. Expected '<key_id>:<key_secret>'." },
        401,
      );
    }
    return auth === `Key ${key}` ? null : c.json({ detail: 'No user found for Key ID and Secret' }, 401);
  }

  const origin = (c: Context) => new URL(c.req.url).origin;
  const urls = (c: Context, id: string) => {
    const base = `${origin(c)}/${APP}/requests/${id}`;
    return { response_url: base, status_url: `${base}/status`, cancel_url: `${base}/cancel` };
  };

  // --- storage (rest.fal.ai) ---
  app.post('/storage/upload/initiate', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'initiate'));
    if (denied) return denied;
    const body = (await c.req.json()) as { content_type?: string; file_name?: string };
    const token = randomUUID();
    const name = encodeURIComponent(body.file_name ?? `${token}.bin`);
    const fileKey = `in/${token}/${name}`;
    pendingUploads.set(token, { fileKey, contentType: body.content_type ?? 'application/octet-stream' });
    return c.json({
      upload_url: `${origin(c)}/upload/${token}?X-Signature=emulated`,
      file_url: `${origin(c)}/files/${fileKey}`,
    });
  });

  app.put('/upload/:token', async (c) => {
    const denied = await fault(c, 'upload');
    if (denied) return denied;
    const pending = pendingUploads.get(c.req.param('token'));
    if (!pending) return c.text('upload URL expired or unknown', 403);
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    files.set(pending.fileKey, { bytes, contentType: c.req.header('content-type') ?? pending.contentType });
    pendingUploads.delete(c.req.param('token'));
    return c.body(null, 200);
  });

  app.get('/files/*', async (c) => {
    const denied = await fault(c, 'file');
    if (denied) return denied;
    const file = files.get(c.req.path.slice('/files/'.length));
    if (!file) return c.text('Not Found', 404);
    return c.body(file.bytes.slice().buffer, 200, { 'content-type': file.contentType });
  });

  // --- queue (queue.fal.run) ---
  app.post('/fal-ai/flux-pro/v1/fill', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'submit'));
    if (denied) return denied;
    const input = ((await c.req.json().catch(() => null)) ?? {}) as Record<string, unknown>;
    const problems = validateInput(input);
    if (problems.length) return c.json({ detail: problems }, 422);
    const id = randomUUID();
    jobs.set(id, {
      id,
      input,
      script,
      phase: 'queued',
      queueLeft: script.queuePolls,
      progressLeft: script.progressPolls,
      logs: [],
      cancelRequested: false,
    });
    c.header('x-fal-request-id', id);
    return c.json({ status: 'IN_QUEUE', request_id: id, ...urls(c, id), queue_position: script.queuePolls });
  });

  app.get('/fal-ai/flux-pro/requests/:id/status', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'status'));
    if (denied) return denied;
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.json({ detail: 'Request not found' }, 404);
    await advance(job, c);
    c.header('x-fal-request-id', job.id);
    const { body, code } = statusOf(job, c, c.req.query('logs') === '1');
    return c.json(body, code);
  });

  // SSE status stream (the client's `mode: 'streaming'`): one event per step until COMPLETED.
  app.get('/fal-ai/flux-pro/requests/:id/status/stream', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'status'));
    if (denied) return denied;
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.json({ detail: 'Request not found' }, 404);
    const withLogs = c.req.query('logs') === '1';
    return streamSSE(c, async (s) => {
      for (;;) {
        await advance(job, c);
        await s.writeSSE({ data: JSON.stringify(statusOf(job, c, withLogs).body) });
        if (job.phase === 'completed') return;
        await s.sleep(50);
      }
    });
  });

  function statusOf(job: EmulatedRequest, c: Context, withLogs: boolean) {
    const common = { request_id: job.id, ...urls(c, job.id) };
    if (job.phase === 'queued') {
      return { body: { status: 'IN_QUEUE', ...common, queue_position: job.queueLeft }, code: 202 as const };
    }
    if (job.phase === 'running') {
      return {
        body: { status: 'IN_PROGRESS', ...common, logs: withLogs ? job.logs : null },
        code: 202 as const,
      };
    }
    const metrics = { inference_time: job.outcome?.status === 200 ? 0.42 : null };
    const body = { status: 'COMPLETED', ...common, logs: withLogs ? job.logs : null, metrics };
    return { body, code: 200 as const };
  }

  app.get('/fal-ai/flux-pro/requests/:id', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'result'));
    if (denied) return denied;
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.json({ detail: 'Request not found' }, 404);
    if (job.phase !== 'completed' || !job.outcome) {
      return c.json({ detail: 'Request is still in progress' }, 400);
    }
    const { status, body, headers } = job.outcome;
    return new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-fal-request-id': job.id, ...headers },
    });
  });

  app.put('/fal-ai/flux-pro/requests/:id/cancel', async (c) => {
    const denied = unauthorized(c) ?? (await fault(c, 'cancel'));
    if (denied) return denied;
    const job = jobs.get(c.req.param('id'));
    if (!job) return c.json({ status: 'NOT_FOUND' }, 404);
    if (job.phase === 'completed') {
      return new Response(JSON.stringify({ status: 'ALREADY_COMPLETED' }), {
        status: job.script.alreadyCompletedStatus ?? 400,
        headers: { 'content-type': 'application/json' },
      });
    }
    if (job.phase === 'queued' || job.script.honourRunningCancel) {
      job.phase = 'completed';
      job.outcome = {
        status: 499,
        body: { detail: 'Request was cancelled by the user', error_type: 'client_cancelled' },
        headers: { 'x-fal-error-type': 'client_cancelled' },
      };
    } else {
      job.cancelRequested = true;
      log(job, 'Cancellation requested; the runner keeps going');
    }
    return c.json({ status: 'CANCELLATION_REQUESTED' }, 202);
  });

  function log(job: EmulatedRequest, message: string) {
    job.logs.push({ message, level: 'INFO', source: 'USER', timestamp: new Date().toISOString() });
  }

  /** One status poll moves the request one step along its script. */
  async function advance(job: EmulatedRequest, c: Context) {
    if (job.phase === 'queued') {
      if (job.queueLeft > 0) {
        job.queueLeft -= 1;
        return;
      }
      job.phase = 'running';
      log(job, 'Starting FLUX.1 [pro] Fill');
      job.work = complete(job, origin(c)).catch((err: unknown) => ({
        status: 500,
        body: { detail: `Emulated model crashed: ${String(err)}`, error_type: 'runner_server_error' },
      }));
    }
    if (job.phase === 'running') {
      if (job.progressLeft > 0) {
        const step = job.script.progressPolls - job.progressLeft + 1;
        log(job, `Step ${step}/${job.script.progressPolls}`);
        job.progressLeft -= 1;
        return;
      }
      job.outcome = await (job.work ?? complete(job, origin(c)));
      job.phase = 'completed';
      if (job.outcome.status === 200) log(job, 'Done');
    }
  }

  async function complete(job: EmulatedRequest, base: string) {
    if (job.script.failResult) return job.script.failResult;
    const input = job.input as { image_url: string; mask_url: string; prompt: string } & Record<
      string,
      unknown
    >;
    const image = await decode(input.image_url, files);
    const mask = await decode(input.mask_url, files);
    if (!image || !mask) {
      const field = image ? 'mask_url' : 'image_url';
      return failure422(field, `Failed to load the image at ${field}`, 'image_load_error');
    }
    if (image.width !== mask.width || image.height !== mask.height) {
      return failure422(
        'mask_url',
        `Mask dimensions (${mask.width}x${mask.height}) do not match image dimensions (${image.width}x${image.height})`,
        'value_error',
      );
    }
    const hole = new Uint8Array(mask.width * mask.height);
    for (let i = 0; i < hole.length; i++) hole[i] = mask.data[i * mask.channels]! > 127 ? 1 : 0;
    const seed = typeof input.seed === 'number' ? input.seed : Math.floor(Math.random() * 2 ** 31);
    const count = typeof input.num_images === 'number' ? input.num_images : 1;
    const format = input.output_format === 'png' ? 'png' : 'jpeg';
    const images = [];
    const flags: boolean[] = [];
    for (let i = 0; i < count; i++) {
      const rgba = new Uint8Array(image.data);
      await new Promise((r) => setImmediate(r));
      const out = fill({
        image: { width: image.width, height: image.height, rgba },
        mask: hole,
        seed: seed + i,
        method: job.script.method ?? 'diffusion',
      });
      const flagged = job.script.nsfw?.[i] === true;
      vary(out.rgba, hole, seed + i, flagged);
      const encoder = sharp(Buffer.from(out.rgba), {
        raw: { width: image.width, height: image.height, channels: 4 },
      });
      const bytes = await (
        format === 'png' ? encoder.png() : encoder.flatten().jpeg({ quality: 95 })
      ).toBuffer();
      const fileKey = `out/${job.id}/${i}.${format === 'png' ? 'png' : 'jpg'}`;
      files.set(fileKey, { bytes: new Uint8Array(bytes), contentType: `image/${format}` });
      images.push({
        url: `${base}/files/${fileKey}`,
        width: image.width,
        height: image.height,
        content_type: `image/${format}`,
      });
      flags.push(flagged);
    }
    const body = {
      images,
      timings: { inference: 0.42 },
      seed,
      has_nsfw_concepts: flags,
      prompt: input.prompt,
    };
    return { status: 200, body };
  }

  const control = {
    requests,
    jobs,
    files,
    /** Queues a fault for the next call(s) on a route. */
    fault(f: FalFault) {
      faults.push({ ...f });
    },
    /** Behaviour of requests submitted from now on. */
    script(s: Partial<FalScript>) {
      script = { queuePolls: 1, progressPolls: 1, ...s };
    },
  };
  // The same controls over HTTP, for tests that run the server in another process (e2e).
  app.post('/_emulator/script', async (c) => {
    control.script((await c.req.json()) as Partial<FalScript>);
    return c.json({ ok: true });
  });
  app.post('/_emulator/fault', async (c) => {
    control.fault((await c.req.json()) as FalFault);
    return c.json({ ok: true });
  });
  app.get('/_emulator/requests', (c) => c.json(requests));
  return { app, control };
}

function failure422(field: string, msg: string, type: string) {
  return {
    status: 422,
    body: { detail: [{ loc: ['body', field], msg, type, url: `${ERRORS_URL}#${type}` }] },
  };
}

function validateInput(input: Record<string, unknown>) {
  const problems: { loc: string[]; msg: string; type: string }[] = [];
  const bad = (field: string, msg: string, type = 'value_error') =>
    problems.push({ loc: ['body', field], msg, type });
  for (const field of ['prompt', 'image_url', 'mask_url']) {
    if (typeof input[field] !== 'string' || !(input[field] as string))
      bad(field, 'Field required', 'missing');
  }
  const n = input.num_images;
  if (n !== undefined && (!Number.isInteger(n) || (n as number) < 1 || (n as number) > 4)) {
    bad('num_images', 'Input should be between 1 and 4');
  }
  if (input.output_format !== undefined && !['jpeg', 'png'].includes(input.output_format as string)) {
    bad('output_format', "Input should be 'jpeg' or 'png'", 'enum');
  }
  if (input.safety_tolerance !== undefined && !SAFETY.includes(input.safety_tolerance as string)) {
    bad('safety_tolerance', "Input should be '1', '2', '3', '4', '5' or '6'", 'enum');
  }
  return problems;
}

/** Reads an input: a data URI or a file this emulator stores. Anything else fails to load. */
async function decode(url: string, files: Map<string, StoredFile>) {
  let bytes: Uint8Array | undefined;
  const data = /^data:[^;,]+;base64,(.*)$/s.exec(url);
  if (data) bytes = Buffer.from(data[1]!, 'base64');
  else {
    const path = URL.canParse(url) ? new URL(url).pathname : '';
    if (path.startsWith('/files/')) bytes = files.get(decodeURIComponent(path.slice(7)))?.bytes;
    bytes ??= files.get(path.slice(7))?.bytes;
  }
  if (!bytes) return null;
  try {
    const { data: raw, info } = await sharp(bytes).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    return { data: new Uint8Array(raw), width: info.width, height: info.height, channels: info.channels };
  } catch {
    return null;
  }
}

/** Small seeded variation inside the hole (a generative model never repeats itself); black when flagged. */
function vary(rgba: Uint8Array, hole: Uint8Array, seed: number, black: boolean) {
  let s = seed >>> 0 || 1;
  for (let i = 0; i < hole.length; i++) {
    if (black) {
      rgba.fill(0, i * 4, i * 4 + 3);
      rgba[i * 4 + 3] = 255;
      continue;
    }
    if (!hole[i]) continue;
    s = (s * 1664525 + 1013904223) >>> 0;
    const d = (s % 13) - 6;
    for (let ch = 0; ch < 3; ch++) rgba[i * 4 + ch] = Math.min(255, Math.max(0, rgba[i * 4 + ch]! + d));
  }
}

const safeJson = (text: string): unknown => {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
};

export type FalEmulator = ReturnType<typeof createFalEmulatorApp>['control'] & {
  url: string;
  key: string;
  close(): Promise<void>;
};

/** Starts the emulator on 127.0.0.1 (random port unless given). */
export async function startFalEmulator(opts: { key?: string; port?: number } = {}): Promise<FalEmulator> {
  const key = opts.key ?? 'emu-key-id:emu-key-secret';
  const { app, control } = createFalEmulatorApp(key);
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port ?? 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return Object.assign(control, {
    url: `http://127.0.0.1:${port}`,
    key,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        (server as { closeAllConnections?: () => void }).closeAllConnections?.();
      }),
  });
}
