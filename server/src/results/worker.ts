import { compositeOver, featherMask, measureLeak } from './pixels.ts';

/** One output's maths, run in a worker thread so a 4 MP result never stalls the event loop. */
export interface ResultTask {
  width: number;
  height: number;
  /** RGBA, as displayed. */
  source: Uint8Array;
  output: Uint8Array;
  /** One channel of the normalised mask at the output's size; thresholded here at 128. */
  mask: Uint8Array;
  featherPx: number;
  /** Leak threshold (of 255); null skips the leak measurement (a re-composite with another feather). */
  threshold: number | null;
  /** Written here (RGBA): shared memory, so nothing large is copied back to the main thread. */
  composite: SharedArrayBuffer;
  heatmap: SharedArrayBuffer | null;
}

export interface ResultLeak {
  changed: number;
  outside: number;
  changedFraction: number;
}

export default function runResultMaths(task: ResultTask): ResultLeak | null {
  const { width, height } = task;
  const hard = new Uint8Array(width * height);
  for (let i = 0; i < hard.length; i++) hard[i] = task.mask[i]! >= 128 ? 255 : 0;
  const source = { data: task.source, width, height };
  const output = { data: task.output, width, height };
  const composite = compositeOver(source, output, featherMask(hard, width, height, task.featherPx));
  new Uint8Array(task.composite).set(composite.data);
  if (task.threshold === null || !task.heatmap) return null;
  const leak = measureLeak(source, output, hard, task.threshold);
  new Uint8Array(task.heatmap).set(leak.heatmap.data);
  return { changed: leak.changed, outside: leak.outside, changedFraction: leak.changedFraction };
}
