import Piscina from 'piscina';
import { workerExecArgv } from '../providers/local/pool.ts';
import type { Rgba } from './pixels.ts';
import type { ResultLeak, ResultTask } from './worker.ts';

const WORKER_URL = new URL('./worker.ts', import.meta.url);

let pool: Piscina | null = null;

export interface ResultMathsInput {
  source: Rgba;
  output: Rgba;
  /** One channel of the normalised mask at the output's size (thresholded at 128 in the worker). */
  mask: Uint8Array;
  featherPx: number;
  /** null: composite only. */
  threshold: number | null;
}

export interface ResultMaths {
  composite: Rgba;
  leak: (ResultLeak & { heatmap: Rgba }) | null;
}

/**
 * Composite and leak maths off the main thread (hundreds of ms of CPU per megapixel). One thread: the
 * local engine's pool already takes the cores, and results arrive one output at a time. Started on
 * first use; the thread exits after 30 s idle. The inputs are transferred (the caller must not reuse
 * them), the outputs written to shared memory.
 */
export async function resultMaths(input: ResultMathsInput): Promise<ResultMaths> {
  pool ??= new Piscina({
    filename: WORKER_URL.href,
    minThreads: 0,
    maxThreads: 1,
    idleTimeout: 30_000,
    execArgv: workerExecArgv(),
  });
  const { width, height } = input.source;
  const composite = new SharedArrayBuffer(width * height * 4);
  const heatmap = input.threshold === null ? null : new SharedArrayBuffer(width * height * 4);
  const task: ResultTask = {
    width,
    height,
    source: input.source.data,
    output: input.output.data,
    mask: input.mask,
    featherPx: input.featherPx,
    threshold: input.threshold,
    composite,
    heatmap,
  };
  // Only whole, distinct buffers can be transferred; anything else is copied.
  const buffers = new Set(
    [task.source, task.output, task.mask]
      .filter((a) => a.byteOffset === 0 && a.byteLength === a.buffer.byteLength)
      .map((a) => a.buffer as ArrayBuffer),
  );
  const leak = (await pool.run(task, { transferList: [...buffers] })) as ResultLeak | null;
  const rgba = (b: SharedArrayBuffer): Rgba => ({ data: new Uint8Array(b), width, height });
  return {
    composite: rgba(composite),
    leak: leak && heatmap ? { ...leak, heatmap: rgba(heatmap) } : null,
  };
}

/** Ends the worker thread (tests, shutdown). */
export async function closeResultPool(): Promise<void> {
  const p = pool;
  pool = null;
  await p?.destroy();
}
