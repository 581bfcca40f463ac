import { messages } from '../errors/bulwark.messages.js';
import { InvalidOptionError } from '../errors/invalid-option.error.js';
import type { Policy, PolicyContext } from './policy.js';

/** Any policy, whatever context it passes. */
// `any`, because a policy's context sits in a parameter of a parameter: neither `never` nor
// `PolicyContext` accepts both `Policy<RetryContext>` and a plain `Policy`.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyPolicy = Policy<any>;

/** The context a policy passes to the function it runs. */
export type ContextOf<P> = P extends Policy<infer C> ? C : never;

type Intersection<U> = (U extends unknown ? (union: U) => void : never) extends (intersection: infer I) => void ? I : never;

/**
 * The context `wrap(...policies)` passes: every policy's context merged, the inner ones winning
 * where they overlap (so `signal` is the innermost policy's).
 */
export type WrapContext<P extends readonly AnyPolicy[]> = PolicyContext & Intersection<ContextOf<P[number]>>;

/**
 * Policies composed into one: the first given runs outermost, and each inner policy receives
 * the signal of the context its outer neighbour passed.
 */
export class PolicyWrap<C extends PolicyContext> implements Policy<C> {
  /**
   * @param policies outermost first; at least one
   * @throws InvalidOptionError when there is no policy or one is not a policy
   */
  constructor(readonly policies: readonly AnyPolicy[]) {
    if (policies.length === 0) {
      const expected = "at least one policy, outermost first, e.g. wrap(retry(), timeout('1s'))";
      throw new InvalidOptionError('wrap.policies', policies, messages.invalidOption('wrap', 'policies', policies, expected));
    }
    policies.forEach((policy, index) => {
      if (typeof (policy as Partial<AnyPolicy> | null)?.execute !== 'function') {
        const option = `policies[${index}]`;
        const expected = 'a policy: an object with an execute(fn, signal) method, such as retry() or timeout()';
        throw new InvalidOptionError(`wrap.${option}`, policy, messages.invalidOption('wrap', option, policy, expected));
      }
    });
  }

  /**
   * Runs `fn` through every policy, outermost first.
   *
   * @param fn the operation; it receives the merged context
   * @param signal cancels the call; the outermost policy receives it
   * @returns what `fn` returned, or rejects with its error or a policy's own
   */
  execute<T>(fn: (context: C) => PromiseLike<T> | T, signal?: AbortSignal): Promise<T> {
    return this.run(0, fn, signal, undefined);
  }

  private run<T>(index: number, fn: (context: C) => PromiseLike<T> | T, signal: AbortSignal | undefined, outer: PolicyContext | undefined): Promise<T> {
    const innermost = index === this.policies.length - 1;
    return (this.policies[index] as Policy).execute((context) => {
      const merged: PolicyContext = outer === undefined ? context : { ...outer, ...context };
      return innermost ? fn(merged as C) : this.run(index + 1, fn, context.signal, merged);
    }, signal);
  }
}

/**
 * Composes policies: `wrap(outer, ..., inner)` runs `outer` first, and the function receives
 * every policy's context merged (e.g. `attempt` from a retry and `signal` from the innermost
 * timeout).
 *
 * @param policies outermost first; at least one
 * @returns one policy that runs them all
 * @throws InvalidOptionError when there is no policy or one is not a policy
 * @example
 * const policy = wrap(retry({ maxAttempts: 3 }), timeout('2s'));
 * await policy.execute(({ attempt, signal }) => fetch(url, { signal }));
 */
export function wrap<const P extends readonly [AnyPolicy, ...AnyPolicy[]]>(...policies: P): PolicyWrap<WrapContext<P>> {
  return new PolicyWrap(policies);
}
