import Piscina from 'piscina';
import { CONTROL_CANCEL, type WorkerResult, type WorkerTask } from '../../engine/worker.ts';

const WORKER_URL = new URL('../../engine/worker.ts', import.meta.url);

/**
 * Piscina runs the engine in worker threads. Tasks wait here rather than in piscina's queue, so a
 * cancel drops waiting tasks outright and raises the shared flag for running ones (piscina's own abort
 * would terminate the thread).
 */
export class FillPool {
  private readonly pool: Piscina;
  private readonly waiting: { task: WorkerTask; done: (r: Promise<WorkerResult>) => void }[] = [];
  private running = 0;

  constructor(readonly threads: number) {
    this.pool = new Piscina({
      filename: WORKER_URL.href,
      minThreads: 0,
      maxThreads: threads,
      idleTimeout: 60_000,
      execArgv: workerExecArgv(),
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
      this.drain();
    });
  }

  async destroy(): Promise<void> {
    for (const entry of this.waiting.splice(0)) entry.done(Promise.resolve({ ok: false, cancelled: true }));
    await this.pool.destroy();
  }

  private drain(): void {
    while (this.running < this.threads && this.waiting.length > 0) {
      const entry = this.waiting.shift()!;
      this.running++;
      const result = (this.pool.run(entry.task) as Promise<WorkerResult>).finally(() => {
        this.running--;
        this.drain();
      });
      entry.done(result);
    }
  }
}

/** Under `tsx` the workers inherit its loader; elsewhere (vitest) they need it to load a .ts entry. */
function workerExecArgv(): string[] | undefined {
  const hasLoader = process.execArgv.some((a) => a.includes('tsx'));
  return hasLoader ? undefined : ['--import', 'tsx'];
}
