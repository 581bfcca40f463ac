/**
 * A binary max-heap of small integer ids with mutable priorities: it knows where each id sits, so
 * a priority can change in O(log n) without searching.
 *
 * @example
 * const heap = new IndexedMaxHeap(10, 4);
 * heap.push(3, 17); heap.push(5, 2);
 * heap.peek(); // 3
 */
export class IndexedMaxHeap {
  private readonly ids: Int32Array;
  private readonly priorities: Float64Array;
  /** Where each id sits in `ids`, or -1 when it is not in the heap. */
  private readonly positions: Int32Array;
  private length = 0;

  /**
   * @param idBound ids range from 0 to `idBound - 1`
   * @param capacity the most ids held at once
   */
  constructor(idBound: number, capacity: number) {
    this.ids = new Int32Array(capacity);
    this.priorities = new Float64Array(idBound);
    this.positions = new Int32Array(idBound).fill(-1);
  }

  /** @returns how many ids the heap holds */
  get size(): number {
    return this.length;
  }

  /**
   * @param id any id below the bound
   * @returns whether `id` is in the heap
   */
  has(id: number): boolean {
    return this.positions[id] !== -1;
  }

  /** @returns the id with the highest priority; the heap must not be empty */
  peek(): number {
    return this.ids[0];
  }

  /**
   * @param id an id in the heap
   * @returns its priority
   */
  priorityOf(id: number): number {
    return this.priorities[id];
  }

  /**
   * Adds an id that is not in the heap yet.
   *
   * @param id the id
   * @param priority its priority; the highest sits on top
   */
  push(id: number, priority: number): void {
    this.priorities[id] = priority;
    this.place(id, this.length++);
    this.siftUp(this.positions[id]);
  }

  /**
   * Changes the priority of an id in the heap.
   *
   * @param id an id in the heap
   * @param priority its new priority
   */
  update(id: number, priority: number): void {
    const old = this.priorities[id];
    this.priorities[id] = priority;
    if (priority > old) this.siftUp(this.positions[id]);
    else this.siftDown(this.positions[id]);
  }

  /**
   * Replaces the top id with another that is not in the heap.
   *
   * @param id the new id
   * @param priority its priority
   */
  replaceTop(id: number, priority: number): void {
    this.positions[this.ids[0]] = -1;
    this.priorities[id] = priority;
    this.place(id, 0);
    this.siftDown(0);
  }

  private siftUp(index: number): void {
    const id = this.ids[index];
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (this.priorities[this.ids[parent]] >= this.priorities[id]) break;
      this.place(this.ids[parent], index);
      index = parent;
    }
    this.place(id, index);
  }

  private siftDown(index: number): void {
    const id = this.ids[index];
    for (;;) {
      let child = 2 * index + 1;
      if (child >= this.length) break;
      if (child + 1 < this.length && this.priorities[this.ids[child + 1]] > this.priorities[this.ids[child]]) child++;
      if (this.priorities[this.ids[child]] <= this.priorities[id]) break;
      this.place(this.ids[child], index);
      index = child;
    }
    this.place(id, index);
  }

  private place(id: number, index: number): void {
    this.ids[index] = id;
    this.positions[id] = index;
  }
}
