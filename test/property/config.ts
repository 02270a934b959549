// Shared settings of the property suite: one seed per run (printed, replayable) and a fixed number of runs.
import * as fc from 'fast-check';

/** Replay a failure with PROPERTY_SEED=<seed> (fast-check also prints the seed and path of every failure). */
export const SEED = process.env.PROPERTY_SEED === undefined ? (Date.now() ^ (Math.random() * 2 ** 31)) | 0 : Number(process.env.PROPERTY_SEED);
/** Runs per property; PROPERTY_RUNS overrides it (the default keeps the suite under a minute on 2 cores). */
export const RUNS = Number(process.env.PROPERTY_RUNS ?? 100);

let printed = false;
/** fast-check settings for one property (the seed is printed once per test file). */
export function params(runs = RUNS): fc.Parameters<unknown> {
  if (!printed) {
    printed = true;
    console.log(`property suite: seed ${SEED}, ${RUNS} runs per property (replay: PROPERTY_SEED=${SEED})`);
  }
  return { seed: SEED, numRuns: runs };
}
