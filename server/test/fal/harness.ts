import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { createFalProvider, type FalProviderConfig } from '../../src/providers/fal/index.ts';
import type {
  PollResult,
  Provider,
  ProviderDeps,
  StoredImage,
  SubmitInput,
  UpstreamRef,
} from '../../src/providers/interface.ts';
import { startFalEmulator, type FalEmulator } from '../emulators/fal.ts';
import { createTempSink } from '../support/tempSink.ts';

export const W = 48;
export const H = 32;
/** The hole: a green square on a smooth red→blue gradient. */
export const HOLE = { x: 16, y: 8, w: 16, h: 16 };
export const inHole = (x: number, y: number) =>
  x >= HOLE.x && x < HOLE.x + HOLE.w && y >= HOLE.y && y < HOLE.y + HOLE.h;

export async function sourcePng(width = W, height = H): Promise<Uint8Array> {
  const rgba = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      const g = inHole(x, y) ? 255 : 40;
      rgba.set([Math.round(200 - (x * 150) / width), g, Math.round(60 + (x * 150) / width), 255], i);
    }
  }
  return new Uint8Array(
    await sharp(Buffer.from(rgba), { raw: { width, height, channels: 4 } })
      .png()
      .toBuffer(),
  );
}

export async function maskPng(width = W, height = H): Promise<Uint8Array> {
  const grey = new Uint8Array(width * height);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) grey[y * width + x] = inHole(x, y) ? 255 : 0;
  return new Uint8Array(
    await sharp(Buffer.from(grey), { raw: { width, height, channels: 1 } })
      .png()
      .toBuffer(),
  );
}

export interface Harness {
  emu: FalEmulator;
  sink: ReturnType<typeof createTempSink>;
  logs: string[];
  config: FalProviderConfig;
  deps: ProviderDeps;
  provider: Provider;
  image: StoredImage;
  mask: StoredImage;
  /** A fresh provider instance on the same config (a server restart). */
  restart(): Provider;
  input(overrides?: Partial<SubmitInput>): SubmitInput;
  close(): Promise<void>;
}

export async function createHarness(): Promise<Harness> {
  const emu = await startFalEmulator();
  const dir = await mkdtemp(join(tmpdir(), 'maskfill-fal-'));
  const sink = createTempSink(dir);
  const logs: string[] = [];
  const deps: ProviderDeps = {
    images: sink,
    fetch: globalThis.fetch,
    now: Date.now,
    log: (m) => logs.push(m),
  };
  const config: FalProviderConfig = {
    key: emu.key,
    queueBaseUrl: emu.url,
    restBaseUrl: emu.url,
    resultHosts: [new URL(emu.url).host],
    requestTimeoutMs: 5_000,
  };
  const image = await sink.put(await sourcePng());
  const mask = await sink.put(await maskPng());
  return {
    emu,
    sink,
    logs,
    config,
    deps,
    provider: createFalProvider(config, deps),
    image,
    mask,
    restart: () => createFalProvider(config, deps),
    input: (overrides = {}) => ({
      jobId: 'job-1',
      request: { provider: 'fal', imageId: image.id, maskId: mask.id, prompt: 'a mossy stone' },
      image,
      mask,
      seeds: [1234],
      size: null,
      options: {},
      signal: new AbortController().signal,
      ...overrides,
    }),
    close: async () => {
      await emu.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

const TERMINAL = new Set(['succeeded', 'failed', 'cancelled', 'lost']);

/** Polls like the runner (without its waits) until a terminal state; returns every poll result. */
export async function pollToEnd(provider: Provider, ref: UpstreamRef, maxPolls = 20): Promise<PollResult[]> {
  const seen: PollResult[] = [];
  for (let i = 0; i < maxPolls; i++) {
    const result = await provider.poll(ref, new AbortController().signal);
    seen.push(result);
    if (TERMINAL.has(result.state)) return seen;
  }
  throw new Error(`no terminal state after ${maxPolls} polls`);
}

export function last<T>(items: T[]): T {
  const item = items[items.length - 1];
  if (item === undefined) throw new Error('empty');
  return item;
}
