interface Entry {
  count: number;
  key: number;
}

/**
 * Binary max-heap of (count, pair key) for BPE training: highest count first, smallest key on ties. It
 * is lazy — a pair whose count changes is pushed again and stale entries are skipped on pop — because
 * updating entries in place would need an index map that costs more than the duplicates.
 */
export class PairQueue {
  private readonly heap: Entry[] = [];

  push(count: number, key: number): void {
    this.heap.push({ count, key });
    let i = this.heap.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** The best entry whose count still equals `currentCount(key)`, removed; undefined when none is left. */
  popCurrent(currentCount: (key: number) => number): Entry | undefined {
    while (this.heap.length > 0) {
      const top = this.heap[0]!;
      const last = this.heap.pop()!;
      if (this.heap.length > 0) {
        this.heap[0] = last;
        this.siftDown(0);
      }
      if (currentCount(top.key) === top.count) return top;
    }
    return undefined;
  }

  private siftDown(i: number): void {
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let best = i;
      if (l < this.heap.length && this.before(l, best)) best = l;
      if (r < this.heap.length && this.before(r, best)) best = r;
      if (best === i) return;
      this.swap(i, best);
      i = best;
    }
  }

  private before(a: number, b: number): boolean {
    const x = this.heap[a]!;
    const y = this.heap[b]!;
    return x.count > y.count || (x.count === y.count && x.key < y.key);
  }

  private swap(a: number, b: number): void {
    const t = this.heap[a]!;
    this.heap[a] = this.heap[b]!;
    this.heap[b] = t;
  }
}
