import { stableSerialize } from '../cache/stable-serialize.js';
import { MemoTable } from './memo.table.js';
import type { MemoizeSettings } from './memoize.config.js';

/** Where a memoized method's wrapper keeps its controller: a namespaced key, so two installed copies agree. */
export const MEMO = Symbol.for('bulwark:memoize');

/**
 * @internal The memo state of one decorated method or getter: a table per instance (a
 * `WeakMap`, so instances are collected as usual) or one shared table.
 */
export class MemoController {
  private readonly tables = new WeakMap<object, MemoTable>();
  /** The shared table, and the table of calls without an object `this`. */
  private readonly shared: MemoTable;

  constructor(private readonly settings: MemoizeSettings) {
    this.shared = this.createTable();
  }

  /** Answers from the memo, or calls `original` and keeps its result (a promise until it rejects). */
  call(thisArg: unknown, original: (...args: unknown[]) => unknown, args: unknown[]): unknown {
    const table = this.tableFor(thisArg);
    const key = this.keyOf(args);
    const hit = table.get(key);
    if (hit !== undefined) return hit.value;
    const value = original.apply(thisArg, args);
    const entry = table.set(key, value);
    // A rejected promise is forgotten, so the next call tries again; callers still see the rejection.
    if (isThenable(value)) value.then(undefined, () => table.forget(key, entry));
    return value;
  }

  /** Forgets the results kept for `instance`, or every result when the memo is shared. */
  clear(instance: unknown): void {
    if (this.settings.shared || !isObject(instance)) this.shared.clear();
    else this.tables.delete(instance);
  }

  private tableFor(thisArg: unknown): MemoTable {
    if (this.settings.shared || !isObject(thisArg)) return this.shared;
    let table = this.tables.get(thisArg);
    if (table === undefined) this.tables.set(thisArg, (table = this.createTable()));
    return table;
  }

  private keyOf(args: unknown[]): string {
    const key = this.settings.key;
    return key === undefined ? stableSerialize(args, 'arguments') : stableSerialize(key(...args), 'key(...arguments)');
  }

  private createTable(): MemoTable {
    return new MemoTable(this.settings.max, this.settings.ttlMs, this.settings.clock);
  }
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof (value as PromiseLike<unknown> | null)?.then === 'function';
}
