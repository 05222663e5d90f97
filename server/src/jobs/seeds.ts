import { randomInt } from 'node:crypto';
import { MAX_SEED } from '../contract/index.ts';

/** The user's seeds, or `count` distinct random ones: stored with the job so a result can be reproduced. */
export function resolveSeeds(given: number[] | undefined, count: number, random = randomInt): number[] {
  if (given && given.length > 0) return [...given];
  const seeds = new Set<number>();
  while (seeds.size < count) seeds.add(random(0, MAX_SEED));
  return [...seeds];
}
