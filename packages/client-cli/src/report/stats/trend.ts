/**
 * Whether runs are getting faster or slower: the least-squares line of wall
 * time against start time, kept as running sums (exact, constant memory).
 */
const DAY = 86_400_000;

export interface Trend {
  runs: number;
  /** Change of the fitted wall time over 30 days, relative to the mean, in %. */
  changePer30DaysPct: number;
  /** "slower", "faster" or "steady" (under 10 % per 30 days, or fewer than 5 runs or 1 day of data). */
  direction: "slower" | "faster" | "steady";
}

export class TrendFit {
  private n = 0;
  private origin = 0;
  private sx = 0;
  private sy = 0;
  private sxy = 0;
  private sxx = 0;
  private minX = Infinity;
  private maxX = -Infinity;

  add(startMs: number, wallMs: number): void {
    if (!this.n) this.origin = startMs;
    const x = (startMs - this.origin) / DAY; // days keep the sums well inside double precision
    this.n++;
    this.sx += x;
    this.sy += wallMs;
    this.sxy += x * wallMs;
    this.sxx += x * x;
    this.minX = Math.min(this.minX, x);
    this.maxX = Math.max(this.maxX, x);
  }

  result(): Trend {
    const { n } = this;
    const denominator = n * this.sxx - this.sx * this.sx;
    const mean = n ? this.sy / n : 0;
    if (n < 2 || denominator === 0 || mean === 0) return { runs: n, changePer30DaysPct: 0, direction: "steady" };
    const slopePerDay = (n * this.sxy - this.sx * this.sy) / denominator;
    const pct = Math.round(((slopePerDay * 30) / mean) * 1000) / 10;
    const enough = n >= 5 && this.maxX - this.minX >= 1;
    const direction = !enough || Math.abs(pct) < 10 ? "steady" : pct > 0 ? "slower" : "faster";
    return { runs: n, changePer30DaysPct: pct, direction };
  }
}
