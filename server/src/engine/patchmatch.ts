import { blendBoundary, ringAround } from './blend.ts';
import { labToRgbaPixel } from './color.ts';
import { membraneFill } from './diffusion.ts';
import { distanceToKnown } from './distance.ts';
import { CHANNELS, cropLevel, downsampleLevel, type Level } from './level.ts';
import {
  computeDistances,
  createNnf,
  findSources,
  patchMatchPass,
  randomInit,
  upsampleNnf,
  type Nnf,
  type Sources,
} from './nnf.ts';
import { restoreDetail } from './detail.ts';
import { pullLowFrequencies } from './lowfreq.ts';
import { occurrencePenalty } from './occurrence.ts';
import { createRng, type Rng } from './prng.ts';
import { contextRegion } from './region.ts';
import { FillCancelled, type FillHooks, type FillImage } from './types.ts';
import { sharedFloat32 } from './shared.ts';
import { Team } from './team.ts';
import { computeWeights, gatherVotes } from './vote.ts';

export interface PatchMatchOptions {
  /** Odd patch side in pixels. */
  patchSize: number;
  /** EM iterations at the coarsest, intermediate and finest levels. */
  emCoarse: number;
  emMiddle: number;
  emFine: number;
  /** PatchMatch passes per EM iteration at the coarsest level and above it (the first iteration of each level gets twice as many). */
  passesCoarse: number;
  passes: number;
  sigmaPercentile: number;
  weightPower: number;
  /** Random-search window (px) above the coarsest level, where the upsampled field is already close. */
  refineSearch: number;
  /** Cost of reusing a source region once more, in typical patch distances (0 = off). */
  reusePenalty: number;
  /** Above this many hole pixels a level gets no PatchMatch search, only the upsampled vote. */
  maxRefineHole: number;
  /** Patch radius of the finest level's last vote (≤ patchSize/2): fewer overlapping votes blur less. */
  finalVoteRadius: number;
  /** Share of the smooth fill's low frequencies pulled into the result (0 = off), and the blur radius as a fraction of √hole. */
  lowMix: number;
  lowBlur: number;
  /** Seeded noise added to the coarsest initial guess, as a fraction of the image's colour spread. */
  variation: number;
  /** Most the fill's fine detail may be amplified toward its sources' texture energy (1 = off). */
  detailGain: number;
}

export const DEFAULT_PATCHMATCH: PatchMatchOptions = {
  patchSize: 7,
  emCoarse: 8,
  emMiddle: 2,
  emFine: 1,
  passesCoarse: 2,
  passes: 1,
  sigmaPercentile: 0.75,
  weightPower: 1,
  refineSearch: 32,
  reusePenalty: 1,
  variation: 0.5,
  maxRefineHole: 16_000,
  finalVoteRadius: 3,
  lowMix: 0.75,
  lowBlur: 0.05,
  detailGain: 2,
};

/** Thrown when the image has no legal source patch (the hole covers nearly everything). */
export class NoSourcesError extends Error {
  constructor() {
    super('no source patches outside the hole');
    this.name = 'NoSourcesError';
  }
}

/** Source patches stay this many pixels clear of the hole, so a blurred hole edge is never copied. */
const SOURCE_CLEARANCE = 1;
const MIN_COARSE_SOURCES = 64;
/** Below this many pixels a vote is not worth a round trip to the helper thread. */
const MIN_SPLIT = 20_000;
/** Smallest low-frequency blur (px): below it the pull would also erase the seeds' variation on small holes. */
const MIN_LOW_BLUR = 16;

/** Confidence decay per pixel of depth into the hole (Wexler et al.). */
const CONFIDENCE_BASE = 1.3;
/** Deeper than this all patches are equally (un)trusted; keeps weights far from float underflow. */
const MAX_CONFIDENCE_DEPTH = 30;

interface Stage {
  level: Level;
  sources: Sources;
}

/**
 * Exemplar-based completion (Wexler/Barnes): coarse-to-fine over a pyramid of the hole's context region,
 * alternating PatchMatch nearest-neighbour search and weighted patch voting, then a seam blend.
 */
export function patchMatchFill(
  image: FillImage,
  mask: Uint8Array,
  seed: number,
  hooks: FillHooks = {},
  options: PatchMatchOptions = DEFAULT_PATCHMATCH,
  threads = 1,
): FillImage {
  // One helper thread at most: the votes split in two (the result does not depend on it).
  const team = threads > 1 ? Team.get() : null;
  const { width, height, rgba } = image;
  const radius = options.patchSize >> 1;
  const region = contextRegion(mask, width, height, options.patchSize);
  const out = new Uint8Array(rgba);
  if (!region) return { width, height, rgba: out };
  const finestLevel = cropLevel(rgba, mask, width, region);
  const finestDepth = distanceToKnown(finestLevel.hole, finestLevel.w, finestLevel.h);
  const stages = buildPyramid(finestLevel, maxOf(finestDepth), radius, options.patchSize);
  const rng = createRng(seed);
  // Levels with very large holes are only upsampled and voted: the layout is settled below them, and
  // their search would dominate the cost (a big hole in a 4096² photo).
  const schedule = stages.map((s, i) =>
    i === stages.length - 1
      ? options.emCoarse
      : s.level.holeList.length > options.maxRefineHole
        ? 0
        : i === 0
          ? options.emFine
          : options.emMiddle,
  );
  const passes = stages.map((_, i) => (i === stages.length - 1 ? options.passesCoarse : options.passes));
  // Progress is counted in hole-pixel passes; a vote costs about as much as a pass.
  const coarsest = stages.length - 1;
  const work = stages.map((s, i) =>
    schedule[i] === 0 && i > 0
      ? 0
      : s.level.holeList.length * (schedule[i]! * (passes[i]! + 1) + (i === coarsest ? 0 : 1)),
  );
  const totalWork = work.reduce((a, b) => a + b, 0);
  let done = 0;
  const step = (units: number) => {
    if (hooks.isCancelled?.()) throw new FillCancelled();
    done += units;
    hooks.onProgress?.(Math.min(0.99, done / totalWork));
  };

  let coarser: { level: Level; nnf: Nnf } | null = null;
  for (let i = stages.length - 1; i >= 0; i--) {
    const { level, sources } = stages[i]!;
    const nnf = createNnf(level, radius);
    const finest = i === 0;
    const holes = level.holeList.length;
    if (coarser && schedule[i] === 0 && !finest) {
      // Nothing reads this level's colours: the next level only inherits its field.
      upsampleNnf(nnf, level, coarser.level, coarser.nnf, sources, rng);
      coarser = { level, nnf };
      continue;
    }
    const weights = sharedFloat32(nnf.targets.length);
    const depth = finest ? finestDepth : distanceToKnown(level.hole, level.w, level.h);
    const confidence = confidenceMap(level, depth);
    const ring = finest ? ringAround(level, 2, depth) : null;
    const maxSearch = coarser
      ? Math.min(options.refineSearch, Math.max(level.w, level.h))
      : Math.max(level.w, level.h);
    if (!coarser) {
      // A smooth guess from the hole's surroundings (colour and texture energy) keeps the first matches
      // local; starting from a vote of random sources drags in whatever dominates the image.
      initialiseCoarsest(level, rng, options.variation);
      randomInit(nnf, sources, rng);
    } else {
      upsampleNnf(nnf, level, coarser.level, coarser.nnf, sources, rng);
      const only = finest && schedule[i] === 0;
      computeWeights(nnf, level, radius, confidence, false, weights);
      step(0);
      expectation(level, nnf, radius, weights, only ? ring : null, options.finalVoteRadius, team);
      step(holes);
    }
    // Only where the layout is decided: finer levels inherit it, and a penalty there breaks coherence (blur).
    const penalty = options.reusePenalty > 0 && !coarser ? new Float32Array(level.w * level.h) : null;
    for (let em = 0; em < schedule[i]!; em++) {
      computeDistances(nnf, level, radius);
      if (penalty) occurrencePenalty(nnf, level, radius, options.reusePenalty, penalty);
      const count = em === 0 ? passes[i]! * 2 : passes[i]!;
      for (let p = 0; p < count; p++) {
        step(0);
        patchMatchPass(nnf, level, sources, radius, maxSearch, rng, p % 2 === 1, penalty);
        done += (holes * passes[i]!) / count;
      }
      const last = finest && em === schedule[i]! - 1;
      computeWeights(
        nnf,
        level,
        radius,
        confidence,
        true,
        weights,
        options.sigmaPercentile,
        options.weightPower,
      );
      step(holes);
      expectation(level, nnf, radius, weights, last ? ring : null, options.finalVoteRadius, team);
    }
    coarser = { level, nnf };
  }

  const finest = stages[0]!.level;
  pullLowFrequencies(
    finest,
    options.lowMix,
    Math.max(MIN_LOW_BLUR, Math.round(options.lowBlur * Math.sqrt(finest.holeList.length))),
  );
  restoreDetail(finest, coarser!.nnf, options.detailGain);
  for (let j = 0; j < finest.holeList.length; j++) {
    const p = finest.holeList[j]!;
    const x = p % finest.w;
    const y = (p - x) / finest.w;
    const dst = ((region.y0 + y) * width + region.x0 + x) * 4;
    labToRgbaPixel(finest.feat, p * CHANNELS, out, dst);
    out[dst + 3] = 255;
  }
  hooks.onProgress?.(1);
  return { width, height, rgba: out };
}

/**
 * Halves while the coarser level is still several patches wide, the hole is still more than a couple of
 * pixels deep, and enough sources remain; the coarsest level then sees the hole as a thin gap in context.
 */
function buildPyramid(finest: Level, thickness: number, radius: number, patch: number): Stage[] {
  const sources = findSources(finest, radius, SOURCE_CLEARANCE);
  if (sources.list.length === 0) throw new NoSourcesError();
  const stages: Stage[] = [{ level: finest, sources }];
  let depth = thickness;
  for (;;) {
    const last = stages[stages.length - 1]!.level;
    if (depth <= 2 || Math.min(Math.ceil(last.w / 2), Math.ceil(last.h / 2)) < 4 * patch) break;
    const next = downsampleLevel(last);
    const nextSources = findSources(next, radius, SOURCE_CLEARANCE);
    if (nextSources.list.length < MIN_COARSE_SOURCES) break;
    stages.push({ level: next, sources: nextSources });
    depth /= 2;
  }
  return stages;
}

/**
 * Membrane-fills every feature channel of the coarsest hole, then adds seeded noise to the colours
 * (`variation` × the known colours' spread) so different seeds settle on visibly different fills.
 */
function initialiseCoarsest(level: Level, rng: Rng, variation: number): void {
  const n = level.w * level.h;
  const values = new Float32Array(n * 3);
  for (let c0 = 0; c0 < CHANNELS; c0 += 3) {
    const k = Math.min(3, CHANNELS - c0);
    for (let i = 0; i < n; i++)
      for (let c = 0; c < k; c++) values[i * 3 + c] = level.feat[i * CHANNELS + c0 + c]!;
    membraneFill(values, level.hole, level.w, level.h);
    for (let j = 0; j < level.holeList.length; j++) {
      const p = level.holeList[j]!;
      for (let c = 0; c < k; c++) level.feat[p * CHANNELS + c0 + c] = values[p * 3 + c]!;
    }
  }
  const spread = colourSpread(level);
  for (let j = 0; j < level.holeList.length; j++) {
    const p = level.holeList[j]!;
    for (let c = 0; c < 3; c++) {
      const q = p * CHANNELS + c;
      level.feat[q] = level.feat[q]! + (rng() * 2 - 1) * variation * spread[c]!;
    }
  }
}

/** Standard deviation of L, a, b over the known pixels. */
function colourSpread(level: Level): number[] {
  const sum = [0, 0, 0];
  const sq = [0, 0, 0];
  let n = 0;
  for (let i = 0; i < level.hole.length; i++) {
    if (level.hole[i]) continue;
    for (let c = 0; c < 3; c++) {
      const v = level.feat[i * CHANNELS + c]!;
      sum[c]! += v;
      sq[c]! += v * v;
    }
    n++;
  }
  return sum.map((s, c) => Math.sqrt(Math.max(0, sq[c]! / n - (s / n) ** 2)));
}

function confidenceMap(level: Level, depth: Float32Array): Float32Array {
  const c = new Float32Array(depth.length).fill(1);
  const decay = Math.log(CONFIDENCE_BASE);
  for (let j = 0; j < level.holeList.length; j++) {
    const p = level.holeList[j]!;
    c[p] = Math.exp(-decay * Math.min(depth[p]!, MAX_CONFIDENCE_DEPTH));
  }
  return c;
}

/**
 * Expectation step: every hole pixel becomes the weighted vote of the patches covering it. With the known
 * `ring` (the last vote of the finest level: colours only, texture energy is read by no later search) the
 * votes' prediction of the ring drives the seam blend.
 */
function expectation(
  level: Level,
  nnf: Nnf,
  radius: number,
  weights: Float32Array,
  ring: Int32Array | null,
  finalRadius: number,
  team: Team | null,
): void {
  const channels = ring ? 3 : CHANNELS;
  const voteRadius = ring ? finalRadius : radius;
  const votes = (pixels: Int32Array, out: Float32Array | null) => {
    const n = pixels.length;
    if (team && n >= MIN_SPLIT) {
      const { w, h, feat } = level;
      const { targetOf, src } = nnf;
      team.votes({ w, h, feat, targetOf, src, weights, pixels, channels, out, radius, voteRadius }, 0, n);
    } else gatherVotes(nnf, level, radius, weights, pixels, 0, n, channels, out, voteRadius);
  };
  votes(level.holeList, null);
  if (!ring) return;
  const predicted = sharedFloat32(ring.length * 4);
  votes(ring, predicted);
  blendBoundary(level, ring, predicted);
}

function maxOf(values: Float32Array): number {
  let max = 0;
  for (let i = 0; i < values.length; i++) if (values[i]! > max) max = values[i]!;
  return max;
}
