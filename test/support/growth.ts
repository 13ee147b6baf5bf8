/**
 * Complexity checks that do not depend on how fast or busy the machine is.
 *
 * A ReDoS or quadratic-loop test used to assert "finishes within N ms", which fails on a slow or loaded machine and
 * passes a quadratic algorithm on a fast one. Instead, `timeGrowth` runs the same work at a small and a large size
 * (FACTOR times larger) in the same process, interleaved, and returns how much longer the large one took. Linear work
 * grows by about FACTOR, quadratic by FACTOR², exponential never returns (the test's own timeout catches that).
 *
 * Speed cancels out of the ratio. Load does too: the rounds are timed in this process's CPU time, not wall time, so
 * waiting for a core while other processes run is not counted, and each size is the minimum of several rounds that
 * each last at least MIN_ROUND_MS of CPU (what is left, such as a cache shared with a busy neighbour, slows only some
 * rounds, and the minimum ignores them). The bound `expectLinear` checks, 6 × FACTOR, leaves room for cache effects
 * above linear while still sitting well below quadratic (FACTOR²).
 */
import { expect } from 'vitest';

export const FACTOR = 16;
const ROUNDS = 3;
const MIN_ROUND_MS = 10;
/**
 * Fresh measurements before a growth above the bound counts. Noise (a neighbour thrashing the shared cache, a GC
 * pause, a frequency change) inflates one measurement now and then, so on a loaded machine a linear algorithm could
 * read above the bound once; a quadratic one reads about FACTOR² every time and never drops below it. Taking the
 * least of a few measurements removes the noise and keeps the quadratic case failing.
 */
const ATTEMPTS = 4;
/** Linear work grows by FACTOR; steps in the memory hierarchy (the small input fits a cache or the young generation,
 * the large one does not) add up to about 2.5× on top, seen on this project's inputs. Quadratic work grows FACTOR². */
export const LINEAR_BOUND = 6 * FACTOR;

/** The time of `run(large)` divided by the time of `run(small)`, where `large` is FACTOR times `small`'s size. */
export function timeGrowth(build: (scale: number) => () => void, smallScale: number): number {
  const small = build(smallScale);
  const large = build(smallScale * FACTOR);
  // Calibrate: repeat the small run until one round lasts long enough for the timer and the scheduler to be noise.
  let repeats = 1;
  while (timed(small, repeats) < MIN_ROUND_MS && repeats < 1 << 16) repeats *= 2;
  let bestSmall = Number.POSITIVE_INFINITY;
  let bestLarge = Number.POSITIVE_INFINITY;
  for (let round = 0; round < ROUNDS; round++) {
    bestSmall = Math.min(bestSmall, timed(small, repeats));
    bestLarge = Math.min(bestLarge, timed(large, repeats));
  }
  return bestLarge / bestSmall;
}

/** Asserts that the work grows no faster than linearly (with room for noise), and says by how much it grew. */
export function expectLinear(build: (scale: number) => () => void, smallScale: number): void {
  let growth = timeGrowth(build, smallScale);
  for (let attempt = 1; attempt < ATTEMPTS && growth >= LINEAR_BOUND; attempt++) {
    growth = Math.min(growth, timeGrowth(build, smallScale));
  }
  if (process.env.GROWTH_LOG) console.log(`growth ${growth.toFixed(2)}`);
  expect(
    growth,
    `time grew ${growth.toFixed(1)}× for ${FACTOR}× the input (linear ≈ ${FACTOR}, quadratic ≈ ${FACTOR ** 2})`,
  ).toBeLessThan(LINEAR_BOUND);
}

/** CPU time of this process in ms (user + system): time spent waiting for a core while other work runs is not in it. */
function timed(run: () => void, repeats: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < repeats; i++) run();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}
