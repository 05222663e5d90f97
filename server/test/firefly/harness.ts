import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { retryDelay, type RetryPolicy } from '../../src/jobs/retry.ts';
import { createFireflyProvider, type FireflyConfig } from '../../src/providers/firefly/index.ts';
import {
  ProviderError,
  type PollResult,
  type Provider,
  type ProviderDeps,
  type SubmitInput,
  type UpstreamRef,
} from '../../src/providers/interface.ts';
import {
  startFireflyEmulator,
  type FireflyEmulatorOptions,
  type RunningFireflyEmulator,
} from '../emulators/firefly.ts';
import { createTempSink } from '../support/tempSink.ts';

export const CLIENT_ID = 'ff-test-client-id';
export const CLIENT_SECRET = 'ff-test-secret-5f1b9c2e7d';

/** Left half red, right half blue, a green square where the hole is (so a fill must replace it). */
export function hole(width: number, height: number) {
  return {
    x0: Math.round(width * 0.4),
    x1: Math.round(width * 0.6),
    y0: Math.round(height * 0.4),
    y1: Math.round(height * 0.6),
  };
}

export async function sourcePng(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const h = hole(width, height);
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const inside = x >= h.x0 && x < h.x1 && y >= h.y0 && y < h.y1;
      rgba.set(
        inside ? [0, 255, 0, 255] : x < width / 2 ? [220, 30, 30, 255] : [30, 30, 220, 255],
        (y * width + x) * 4,
      );
    }
  }
  return new Uint8Array(
    await sharp(rgba, { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

export async function maskPng(width: number, height: number): Promise<Uint8Array<ArrayBuffer>> {
  const h = hole(width, height);
  const grey = new Uint8Array(width * height);
  for (let y = h.y0; y < h.y1; y++) for (let x = h.x0; x < h.x1; x++) grey[y * width + x] = 255;
  return new Uint8Array(
    await sharp(grey, { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

export interface HarnessOptions {
  emulator?: FireflyEmulatorOptions;
  config?: Partial<FireflyConfig>;
  width?: number;
  height?: number;
  now?: () => number;
}

export async function createHarness(options: HarnessOptions = {}) {
  const running: RunningFireflyEmulator = await startFireflyEmulator({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    fillMethod: 'diffusion',
    ...options.emulator,
  });
  const dir = await mkdtemp(join(tmpdir(), 'maskfill-firefly-'));
  const sink = createTempSink(dir);
  const logs: string[] = [];
  const fetched: string[] = [];
  const deps: ProviderDeps = {
    images: sink,
    fetch: (input, init) => {
      fetched.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
    now: options.now ?? Date.now,
    log: (m) => logs.push(m),
  };
  const config: FireflyConfig = {
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    apiBaseUrl: running.apiBaseUrl,
    imsUrl: running.imsUrl,
    scopes: 'openid,AdobeID,read_organizations,firefly_api,ff_apis',
    rpm: 4,
    requestTimeoutMs: 5000,
    ...options.config,
  };
  const width = options.width ?? 640;
  const height = options.height ?? 480;
  const image = await sink.put(await sourcePng(width, height));
  const mask = await sink.put(await maskPng(width, height));
  const provider = createFireflyProvider(config, deps);
  let n = 0;
  return {
    running,
    dir,
    emu: running.emulator,
    sink,
    logs,
    fetched,
    config,
    deps,
    provider,
    image,
    mask,
    /** A fresh provider instance on the same config: what a server restart gets. */
    restart: (): Provider => createFireflyProvider(config, deps),
    input(overrides: Partial<SubmitInput> = {}): SubmitInput {
      return {
        jobId: `job-${++n}`,
        request: { provider: 'firefly', imageId: image.id, maskId: mask.id, prompt: 'a stone wall' },
        image,
        mask,
        seeds: [101],
        size: { width: 1024, height: 1024 },
        options: {},
        signal: new AbortController().signal,
        ...overrides,
      };
    },
    async close() {
      await running.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
export type Harness = Awaited<ReturnType<typeof createHarness>>;

export type Outcome = Exclude<PollResult, { state: 'queued' | 'running' }> & {
  ref?: UpstreamRef;
  polls: PollResult[];
};

/**
 * What the runner does with a provider (server/src/jobs/runner.ts): submit with bounded retries that honour
 * Retry-After, then poll (intervals capped for speed) until a terminal state, retrying failed polls.
 */
export async function runJob(
  provider: Provider,
  input: SubmitInput,
  opts: { retries?: number; pollCapMs?: number; ref?: UpstreamRef; waits?: number[] } = {},
): Promise<Outcome> {
  const policy: RetryPolicy = { retries: opts.retries ?? 3, baseMs: 5, maxMs: 40, random: () => 0.5 };
  const polls: PollResult[] = [];
  let ref = opts.ref;
  for (let attempt = 0; !ref; attempt++) {
    try {
      ref = await provider.submit(input);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (!e.retryable || attempt >= policy.retries) return gaveUp(e, attempt + 1, polls);
      const wait = retryDelay(policy, attempt, e.retryAfterMs);
      opts.waits?.push(wait);
      await sleep(wait);
    }
  }
  for (let failures = 0; ;) {
    let result: PollResult;
    try {
      result = await provider.poll(ref, new AbortController().signal);
    } catch (e) {
      if (!(e instanceof ProviderError)) throw e;
      if (!e.retryable || failures >= policy.retries) return { ...gaveUp(e, failures + 1, polls), ref };
      await sleep(retryDelay(policy, failures++, e.retryAfterMs));
      continue;
    }
    polls.push(result);
    if (result.state === 'queued' || result.state === 'running') {
      await sleep(Math.min(result.nextPollMs ?? 5, opts.pollCapMs ?? 5));
      continue;
    }
    return { ...(result as Exclude<PollResult, { state: 'queued' | 'running' }>), ref, polls };
  }
}

function gaveUp(e: ProviderError, attempts: number, polls: PollResult[]): Outcome {
  return {
    state: 'failed',
    error: {
      code: e.code,
      message: `${e.message} (gave up after ${attempts} attempts)`,
      retryable: e.retryable,
    },
    polls,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A stored image decoded once; returns RGB at (x, y). */
export async function pixels(path: string): Promise<(x: number, y: number) => [number, number, number]> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return (x, y) => {
    const i = (y * info.width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };
}
