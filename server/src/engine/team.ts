import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { VoteJob } from './helper.ts';
import { gatherVotes } from './vote.ts';

const HELPER_URL = new URL('./helper.ts', import.meta.url);
/** A helper that has not answered in this long is gone (it only ever runs sub-second slices). */
const HELPER_TIMEOUT_MS = 30_000;

/**
 * Splits the engine's per-pixel work between the calling thread and one helper thread. Work is divided by
 * index range and every pixel's result depends only on shared read-only inputs, so the output is the same
 * with or without the helper (determinism per seed does not depend on the number of cores). The caller
 * blocks on a shared flag while the helper finishes its half, so `fill` stays synchronous.
 */
export class Team {
  private readonly ctrl = new Int32Array(new SharedArrayBuffer(8));
  /** Slices the helper has run (tests: the parallel path really ran). */
  helped = 0;
  /** Set once the helper has loaded; until then (or if it never loads) the caller does all the work. */
  private isReady = false;

  /** Settles once the helper has loaded the engine (it says so with one message). */
  readonly ready: Promise<void>;

  private constructor(private readonly helper: Worker) {
    // Referenced until it is ready (so awaiting `ready` keeps the process alive), unreferenced after.
    this.ready = new Promise((resolve) =>
      helper.once('message', () => {
        this.isReady = true;
        helper.unref();
        resolve();
      }),
    );
  }

  /** Starts this thread's helper ahead of the first fill and resolves when it is ready. */
  static warm(): Promise<void> {
    return Team.get().ready;
  }

  /** Runs gatherVotes over pixels[from..to), the upper part on the helper. */
  votes(job: Omit<VoteJob, 'ctrl' | 'from' | 'to'>, from: number, to: number): void {
    const arrays = [job.feat, job.targetOf, job.src, job.weights, job.pixels, job.out ?? job.feat];
    if (!arrays.every((a) => a.buffer instanceof SharedArrayBuffer)) {
      throw new Error('Team.votes: every array must live in shared memory');
    }
    if (!this.isReady) {
      voteSlice(job, from, to);
      return;
    }
    const mid = from + ((to - from) >> 1);
    Atomics.store(this.ctrl, 0, 0);
    this.helper.postMessage({ ...job, ctrl: this.ctrl, from: mid, to } satisfies VoteJob);
    voteSlice(job, from, mid);
    this.wait();
    this.helped++;
  }

  private wait(): void {
    const deadline = Date.now() + HELPER_TIMEOUT_MS;
    while (Atomics.load(this.ctrl, 0) === 0) {
      if (Date.now() > deadline) throw new Error('engine helper thread stopped responding');
      Atomics.wait(this.ctrl, 0, 0, 1000);
    }
    if (Atomics.load(this.ctrl, 0) !== 1) throw new Error('engine helper thread failed');
  }

  private static shared: Team | null = null;

  /** The thread's team (its helper is started once and kept; it does not keep the process alive). */
  static get(): Team {
    if (!Team.shared) {
      const helper = startHelper();
      helper.on('error', () => (Team.shared = null));
      helper.on('exit', () => (Team.shared = null));
      Team.shared = new Team(helper);
    }
    return Team.shared;
  }
}

/** The nnf/level shapes gatherVotes reads, from a job's fields. */
/** gatherVotes over pixels[from..to) of a job's shared arrays: the caller's half or the helper's. */
export function voteSlice(job: Omit<VoteJob, 'ctrl' | 'from' | 'to'>, from: number, to: number): void {
  const { nnf, level } = jobViews(job);
  gatherVotes(
    nnf,
    level,
    job.radius,
    job.weights,
    job.pixels,
    from,
    to,
    job.channels,
    job.out,
    job.voteRadius,
  );
}

function jobViews(job: Omit<VoteJob, 'ctrl' | 'from' | 'to'>) {
  return {
    nnf: { targets: job.targetOf, targetOf: job.targetOf, src: job.src, dist: job.weights },
    level: { w: job.w, h: job.h, feat: job.feat, hole: new Uint8Array(0), holeList: job.pixels },
  };
}

/**
 * Node 20 cannot start a worker on a .ts entry, even with tsx's --import (its ESM hooks are not in place
 * for the entry); tsx's require hook can load it, so a .ts helper is started through a two-line eval.
 */
function startHelper(): Worker {
  const path = fileURLToPath(HELPER_URL);
  if (!path.endsWith('.ts')) return new Worker(HELPER_URL);
  const tsx = createRequire(import.meta.url).resolve('tsx/cjs');
  return new Worker(`require(${JSON.stringify(tsx)});\nrequire(${JSON.stringify(path)});`, { eval: true });
}
