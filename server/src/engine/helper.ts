import { parentPort } from 'node:worker_threads';
import { voteSlice } from './team.ts';

/** A slice of gatherVotes for the helper thread; every array is a view of shared memory. */
export interface VoteJob {
  ctrl: Int32Array;
  w: number;
  h: number;
  feat: Float32Array;
  targetOf: Int32Array;
  src: Int32Array;
  weights: Float32Array;
  pixels: Int32Array;
  from: number;
  to: number;
  channels: number;
  out: Float32Array | null;
  radius: number;
  voteRadius: number;
}

// The helper thread's entry: runs one slice, then raises the flag the caller waits on (1 = done, 2 = failed).
parentPort?.on('message', (job: VoteJob) => {
  let state = 1;
  try {
    voteSlice(job, job.from, job.to);
  } catch {
    state = 2;
  }
  Atomics.store(job.ctrl, 0, state);
  Atomics.notify(job.ctrl, 0);
});
parentPort?.postMessage('ready');
