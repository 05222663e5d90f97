import type { Job, JobOutput } from '@maskfill/server/contract';
import { create } from 'zustand';
import { loadFeathers, rememberFeather, saveFeathers } from './featherMemory.ts';

export type ResultView = 'composite' | 'raw' | 'leak';

export interface SelectedResult {
  job: Job;
  index: number;
}

export interface CompareTarget {
  url: string;
  label: string;
}

interface ResultState {
  selected: SelectedResult | null;
  view: ResultView;
  /** Before/after split: null when off; 0..1 is the share of the width showing "before". */
  split: number | null;
  /** What "before" is: null = the source image; otherwise another result (side by side). */
  against: CompareTarget | null;
  /** True while "hold to compare" is pressed: the source covers the result. */
  holding: boolean;
  /**
   * Composite feather chosen per job id (px); absent = the stored composite's feather. Kept across
   * reloads (featherMemory.ts), so the canvas, downloads, "Use as new source" and the ZIP agree after one.
   */
  feather: Record<string, number>;
}

export const useResultStore = create<ResultState>()(() => ({
  selected: null,
  view: 'composite',
  split: null,
  against: null,
  holding: false,
  feather: loadFeathers(),
}));

export function setFeather(jobId: string, px: number): void {
  useResultStore.setState((s) => ({ feather: rememberFeather(s.feather, jobId, px) }));
  saveFeathers(useResultStore.getState().feather);
}

export const resetResultView = () =>
  useResultStore.setState({ selected: null, split: null, against: null, holding: false });

/** The URL a result is shown with in a view: the composite when there is one (the default). */
export function resultUrl(out: JobOutput, view: ResultView): string {
  return view === 'composite' && out.composite ? out.composite.url : out.url;
}

export const resultLabel = (index: number, out: JobOutput) => `Result ${index + 1} (seed ${out.seed})`;
