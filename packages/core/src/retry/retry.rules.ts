import { custom, INVALID, type OptionRule } from '../options/option.rules.js';
import type { RetryBudget } from './retry-budget.js';
import type { RetryOn } from './retry-on.js';

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/** A `retryOn` option: a predicate, or an array of error classes (functions with a prototype). */
export const retryOnRule: OptionRule<RetryOn> = custom(
  'a predicate (error) => boolean, or an array of error classes such as [TypeError, HttpError]',
  (value) => {
    if (typeof value === 'function') return value as RetryOn;
    // Arrow functions have no prototype: `[(e) => ...]` is a mistake, not a class list.
    const isClass = (item: unknown): boolean => typeof item === 'function' && isObject(item.prototype);
    return Array.isArray(value) && value.every(isClass) ? (value as RetryOn) : INVALID;
  },
);

/** A retry budget: anything with `recordCall()` and `tryWithdraw()`, usually from `retryBudget()`. */
export const budgetRule: OptionRule<RetryBudget> = custom(
  'a RetryBudget created by retryBudget(), or an object with recordCall() and tryWithdraw() methods',
  (value) =>
    isObject(value) && typeof value.recordCall === 'function' && typeof value.tryWithdraw === 'function'
      ? (value as unknown as RetryBudget)
      : INVALID,
);
