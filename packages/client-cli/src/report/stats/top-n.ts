/** The n largest items seen so far, in constant memory (a binary min-heap). */
export class TopN<T> {
  private readonly heap: T[] = [];

  constructor(
    private readonly n: number,
    private readonly key: (item: T) => number,
  ) {}

  /** Whether an item with this key would be kept: lets a caller skip building it. */
  accepts(key: number): boolean {
    return this.heap.length < this.n || (this.n > 0 && key > this.key(this.heap[0]!));
  }

  add(item: T): void {
    const h = this.heap;
    if (h.length < this.n) {
      h.push(item);
      this.up(h.length - 1);
    } else if (this.n > 0 && this.key(item) > this.key(h[0]!)) {
      h[0] = item;
      this.down(0);
    }
  }

  /** Largest first. */
  items(): T[] {
    return [...this.heap].sort((a, b) => this.key(b) - this.key(a));
  }

  private up(i: number): void {
    const h = this.heap;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (this.key(h[p]!) <= this.key(h[i]!)) return;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let m = i;
      if (l < h.length && this.key(h[l]!) < this.key(h[m]!)) m = l;
      if (r < h.length && this.key(h[r]!) < this.key(h[m]!)) m = r;
      if (m === i) return;
      [h[m], h[i]] = [h[i]!, h[m]!];
      i = m;
    }
  }
}

/** The last n items added, oldest first (a ring buffer). */
export class Recent<T> {
  private readonly ring: T[] = [];
  private next = 0;
  seen = 0;

  constructor(private readonly n: number) {}

  add(item: T): void {
    this.seen++;
    if (this.ring.length < this.n) this.ring.push(item);
    else if (this.n > 0) {
      this.ring[this.next] = item;
      this.next = (this.next + 1) % this.n;
    }
  }

  items(): T[] {
    return [...this.ring.slice(this.next), ...this.ring.slice(0, this.next)];
  }
}
