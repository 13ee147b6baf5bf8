import { describe, expect, it } from 'vitest';
import { expectLinear, FACTOR, LINEAR_BOUND, timeGrowth } from '../support/growth.ts';

/** The complexity check used by the ReDoS tests tells linear from quadratic work, whatever the machine's speed. */
describe('timeGrowth', () => {
  const linear = (n: number) => {
    const items = Array.from({ length: Math.round(n) }, (_, i) => i);
    return () => {
      let sum = 0;
      for (const x of items) sum += x % 7;
      if (sum < 0) throw new Error('unreachable');
    };
  };
  const quadratic = (n: number) => {
    const items = Array.from({ length: Math.round(n) }, (_, i) => i);
    return () => {
      let sum = 0;
      for (const x of items) for (const y of items) sum += (x ^ y) & 1;
      if (sum < 0) throw new Error('unreachable');
    };
  };

  it('passes linear work', () => {
    expectLinear(linear, 200_000 / FACTOR);
  });

  it('flags quadratic work, even on the least of its measurements', () => {
    expect(timeGrowth(quadratic, 4_000 / FACTOR)).toBeGreaterThan(LINEAR_BOUND);
    expect(() => expectLinear(quadratic, 4_000 / FACTOR)).toThrow(/time grew/);
  });
});
