/**
 * Percentiles of durations in constant memory: a fixed histogram with
 * logarithmic buckets, 16 per doubling, so any percentile it reports is
 * within 4.4 % (one bucket, 2^(1/16)) of the exact value, for any number of
 * sessions. Exact percentiles would need every duration kept in memory.
 */
const PER_DOUBLING = 16;
/** 2^40 ms is 35 years: every duration fits. */
const BUCKETS = 40 * PER_DOUBLING + 1;

export class LogHistogram {
  private readonly counts = new Float64Array(BUCKETS);
  count = 0;
  min = Infinity;
  max = 0;

  add(ms: number): void {
    const v = Math.max(0, ms);
    const i = Math.min(BUCKETS - 1, Math.floor(Math.log2(v + 1) * PER_DOUBLING));
    this.counts[i]!++;
    this.count++;
    if (v > this.max) this.max = v;
    if (v < this.min) this.min = v;
  }

  /** The q-quantile (0..1), approximate as above; undefined when empty. */
  quantile(q: number): number | undefined {
    if (!this.count) return undefined;
    const rank = Math.max(1, Math.ceil(q * this.count));
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i]!;
      // The bucket's geometric middle, never outside the values seen.
      if (seen >= rank) return Math.max(this.min, Math.min(this.max, Math.round(2 ** ((i + 0.5) / PER_DOUBLING) - 1)));
    }
    return this.max;
  }
}
