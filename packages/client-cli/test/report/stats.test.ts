import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { LogHistogram } from "../../src/report/stats/log-histogram.js";
import { Recent, TopN } from "../../src/report/stats/top-n.js";

const exactQuantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.max(0, Math.ceil(q * xs.length) - 1)]!;

describe("LogHistogram", () => {
  test("p50 and p95 are within one bucket (4.4 %, or 1 ms) of the exact values", () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 10 * 86_400_000 }), { minLength: 1, maxLength: 500 }), (xs) => {
        const h = new LogHistogram();
        for (const x of xs) h.add(x);
        for (const q of [0.5, 0.95]) {
          const exact = exactQuantile(xs, q);
          expect(Math.abs(h.quantile(q)! - exact)).toBeLessThanOrEqual(Math.max(1, exact * 0.045));
        }
        expect(h.max).toBe(Math.max(...xs));
      }),
    );
  });

  test("empty has no quantile", () => {
    expect(new LogHistogram().quantile(0.5)).toBeUndefined();
  });
});

describe("TopN and Recent", () => {
  test("TopN keeps the n largest, largest first, whatever the order they come in", () => {
    fc.assert(
      fc.property(fc.array(fc.integer(), { maxLength: 200 }), fc.integer({ min: 1, max: 10 }), (xs, n) => {
        const t = new TopN<number>(n, (x) => x);
        for (const x of xs) t.add(x);
        expect(t.items()).toEqual([...xs].sort((a, b) => b - a).slice(0, n));
      }),
    );
  });

  test("Recent keeps the last n, oldest first", () => {
    const r = new Recent<number>(3);
    for (let i = 1; i <= 7; i++) r.add(i);
    expect(r.items()).toEqual([5, 6, 7]);
    expect(r.seen).toBe(7);
  });
});
