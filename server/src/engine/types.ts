/**
 * The local fill engine's interface: pure functions over RGBA typed arrays. The foundation ships a
 * diffusion fill; the PatchMatch engine (issue 3) implements the same `FillEngine`.
 */
export interface FillImage {
  width: number;
  height: number;
  /** width*height*4 bytes, RGBA. */
  rgba: Uint8Array;
}

export interface FillParams {
  image: FillImage;
  /** width*height bytes; non-zero = hole (fill here). */
  mask: Uint8Array;
  seed: number;
  method?: FillMethod;
  /** Threads the fill may use (1 or 2; default 1). The result is the same either way. */
  threads?: number;
}

export type FillMethod = 'auto' | 'patchmatch' | 'diffusion';

export interface FillHooks {
  /** 0..1, called between iterations. */
  onProgress?(fraction: number): void;
  /** Checked between iterations; when true the engine throws FillCancelled. */
  isCancelled?(): boolean;
}

export class FillCancelled extends Error {
  constructor() {
    super('fill cancelled');
    this.name = 'FillCancelled';
  }
}

export type FillEngine = (params: FillParams, hooks?: FillHooks) => FillImage;
