import { fill, FillCancelled, Team, type FillMethod } from './index.ts';

// The pool gives a lone fill two threads: start the helper now, not on the first such fill.
void Team.warm();

/** One task for the piscina pool. `control` is shared: [0] cancel flag, [1] progress in 1/1000ths. */
export interface WorkerTask {
  width: number;
  height: number;
  rgba: Uint8Array;
  mask: Uint8Array;
  seed: number;
  method: FillMethod;
  control: SharedArrayBuffer;
  /** Threads this fill may use (the pool gives a lone fill both cores); default 1. */
  threads?: number;
}

export type WorkerResult = { ok: true; rgba: Uint8Array } | { ok: false; cancelled: true };

export const CONTROL_CANCEL = 0;
export const CONTROL_PROGRESS = 1;

export default function runFill(task: WorkerTask): WorkerResult {
  const control = new Int32Array(task.control);
  try {
    const out = fill(
      {
        image: { width: task.width, height: task.height, rgba: task.rgba },
        mask: task.mask,
        seed: task.seed,
        method: task.method,
        threads: task.threads ?? 1,
      },
      {
        isCancelled: () => Atomics.load(control, CONTROL_CANCEL) === 1,
        onProgress: (p) => Atomics.store(control, CONTROL_PROGRESS, Math.round(p * 1000)),
      },
    );
    Atomics.store(control, CONTROL_PROGRESS, 1000);
    return { ok: true, rgba: out.rgba };
  } catch (err) {
    if (err instanceof FillCancelled) return { ok: false, cancelled: true };
    throw err;
  }
}
