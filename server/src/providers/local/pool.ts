import Piscina from 'piscina';
import { CONTROL_CANCEL, type WorkerResult, type WorkerTask } from '../../engine/worker.ts';

const WORKER_URL = new URL('../../engine/worker.ts', import.meta.url);
/** The engine splits a fill over at most two threads (itself and one helper). */
const MAX_FILL_THREADS = 2;

/**
 * Piscina runs the engine in worker threads. Tasks wait here rather than in piscina's queue, so a
 * cancel drops waiting tasks outright and raises the shared flag for running ones (piscina's own abort
 * would terminate the thread).
 *
 * Cores are slots: a task that starts while nothing else waits takes every free slot (a lone fill uses
 * both cores through the engine's helper thread), otherwise one, so fills never oversubscribe the cores.
 * Tasks submitted in the same tick (the variations of one job) are dispatched together and run side by
 * side on one slot each. The engine's result does not depend on the slots it got.
 */
export class FillPool {
  private readonly pool: Piscina;
  private readonly waiting: { task: WorkerTask; done: (r: Promise<WorkerResult>) => void }[] = [];
  /** Slots in use. */
  private running = 0;
  private drainQueued = false;
  private readonly inFlight = new Set<(err: unknown) => void>();

  constructor(readonly threads: number) {
    this.pool = new Piscina({
      filename: WORKER_URL.href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      execArgv: workerExecArgv(),
    });
    // A worker that dies outside a task (its entry failed to load) would leave tasks waiting forever.
    this.pool.on('error', (err: unknown) => {
      for (const fail of this.inFlight) fail(err);
      this.inFlight.clear();
    });
  }

  run(task: WorkerTask, signal: AbortSignal): Promise<WorkerResult> {
    if (signal.aborted) return Promise.resolve({ ok: false, cancelled: true });
    return new Promise<WorkerResult>((resolve, reject) => {
      const entry = { task, done: (r: Promise<WorkerResult>) => r.then(resolve, reject) };
      const onAbort = () => {
        const at = this.waiting.indexOf(entry);
        if (at >= 0) {
          this.waiting.splice(at, 1);
          resolve({ ok: false, cancelled: true });
        } else {
          Atomics.store(new Int32Array(task.control), CONTROL_CANCEL, 1);
        }
      };
      signal.addEventListener('abort', onAbort, { once: true });
      const done = entry.done;
      entry.done = (r) => done(r.finally(() => signal.removeEventListener('abort', onAbort)));
      this.waiting.push(entry);
      if (!this.drainQueued) {
        this.drainQueued = true;
        queueMicrotask(() => {
          this.drainQueued = false;
          this.drain();
        });
      }
    });
  }

  async destroy(): Promise<void> {
    for (const entry of this.waiting.splice(0)) entry.done(Promise.resolve({ ok: false, cancelled: true }));
    await this.pool.destroy();
  }

  private drain(): void {
    while (this.running < this.threads && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      const slots = this.waiting.length === 0 ? Math.min(MAX_FILL_THREADS, this.threads - this.running) : 1;
      entry.task.threads = slots;
      this.running += slots;
      let fail: (err: unknown) => void = () => undefined;
      const died = new Promise<never>((_, reject) => (fail = reject));
      this.inFlight.add(fail);
      const result = Promise.race([this.pool.run(entry.task) as Promise<WorkerResult>, died]).finally(() => {
        this.inFlight.delete(fail);
        this.running -= slots;
        this.drain();
      });
      entry.done(result);
    }
  }
}

/** Under `tsx` the workers inherit its loader; elsewhere (vitest) they need it to load a .ts entry. */
export function workerExecArgv(execArgv = process.execArgv): string[] | undefined {
  const isTsx = (v: string | undefined) => v !== undefined && /^tsx(\/esm)?$|[/\\]tsx[/\\]dist[/\\]/.test(v);
  const hasLoader = execArgv.some(
    (a, i) =>
      (['--import', '--loader', '--experimental-loader'].includes(a) && isTsx(execArgv[i + 1])) ||
      (/^--(import|loader|experimental-loader)=/.test(a) && isTsx(a.slice(a.indexOf('=') + 1))),
  );
  return hasLoader ? undefined : ['--import', 'tsx'];
}
