import { cache, cacheKey, circuitBreaker, retry, type CacheOptions, type CircuitBreakerOptions, type RetryOptions } from '@bulwark/core';
import { createRedisCacheTier, taggedJsonSerializer, type RedisCacheWarning } from '@bulwark/redis';
import { useRedisServers } from '@bulwark/test/support';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { scenarioRandom } from './support/chaos-random.js';
import { saveScenarioResult } from './support/chaos-results.js';
import { CHAOS_LONG } from './support/chaos-settings.js';
import { applyMutation, cacheArgument, canonical, garbageEntry, mutatedName, optionMutation, type OptionMutation } from './support/fuzz-arbitraries.js';
import { bootFuzzApp, FuzzTarget, isCrash, isExpectedCallError, MODULE_BASE } from './support/fuzz-target.app.js';

/** Cases per property: ten times more with `--long`. */
const RUNS = CHAOS_LONG ? 10 : 1;
/** The longest a cache key can be, whatever the arguments (core's cacheKey documentation). */
const MAX_KEY_LENGTH = 173;
const CORE_BASES = {
  circuitBreaker: { name: 'fuzz', consecutiveFailures: 3, window: { type: 'time', duration: '10s', buckets: 10 }, minimumCalls: 5, failureRateThreshold: 0.5, openDuration: '1s', halfOpenProbes: 1 },
  retry: { maxAttempts: 3, backoff: 'linear', delay: '1ms', maxDelay: '2ms', jitter: 'equal' },
  cache: { name: 'fuzz', namespace: 'fuzz', ttl: '1m', grace: '1m', maxWait: '1s', lockTtl: '1s', cacheNull: true },
} as const;

describe('scenario 5: bad input, fuzzed with fast-check', () => {
  const redis = useRedisServers(1);
  const started = performance.now();
  const { seed } = scenarioRandom('bad-input');
  const cases: Record<string, number> = {};
  const violations: string[] = [];
  /** Runs a property with the scenario's seed, counting its cases and recording a counterexample. */
  const check = async (name: string, property: fc.IProperty<never> | fc.IAsyncProperty<never>, numRuns: number): Promise<void> => {
    cases[name] = numRuns;
    try {
      await fc.assert(property as fc.IAsyncProperty<unknown>, { seed, numRuns });
    } catch (error) {
      violations.push(`${name}: ${(error as Error).message.split('\n').slice(0, 3).join(' ')}`);
      throw error;
    }
  };

  afterAll(async () => {
    await saveScenarioResult(
      { number: 5, id: 'bad-input', title: 'Bad input (property-based fuzzing)', seed, faults: cases, calls: Object.values(cases).reduce((a, b) => a + b, 0), failedCalls: violations.length, violations, measurements: {} },
      started,
    );
  });

  it('refuses every invalid module option at bootstrap, naming it, and a module that boots never crashes a call', async () => {
    const property = fc.asyncProperty(optionMutation(MODULE_BASE), async (mutation) => {
      const options = applyMutation(MODULE_BASE, mutation);
      const app = await bootFuzzApp(options).catch((error: unknown) => refusal(error, mutation));
      if (app === undefined) return;
      try {
        const target = app.get(FuzzTarget);
        for (let i = 0; i < 6; i++) await settle(target.call(i % 2 === 0));
        await settle(target.product('SKU-1'));
      } finally {
        await app.close();
      }
    });
    await check('module options', property as never, 300 * RUNS);
  }, 60_000 * RUNS);

  it.each([
    ['circuitBreaker', (options: unknown) => circuitBreaker(options as CircuitBreakerOptions).execute(() => 'ok')],
    ['retry', (options: unknown) => retry(options as RetryOptions).execute(() => 'ok')],
    ['cache', (options: unknown) => cache(options as CacheOptions).getOrSet('k', () => 'v')],
  ] as const)('refuses every invalid %s() option when built, naming it, and one that builds never crashes a call', async (name, build) => {
    const base = CORE_BASES[name];
    const property = fc.asyncProperty(optionMutation(base), async (mutation) => {
      let running: Promise<unknown>;
      try {
        running = build(applyMutation(base, mutation));
      } catch (error) {
        return refusal(error, mutation);
      }
      await settle(running);
    });
    await check(`${name}() options`, property as never, 500 * RUNS);
  });

  // This fuzzing once found options named like Object.prototype members crashing validation
  // (rules were read through the prototype); kept as a direct regression test.
  it('refuses options named like Object.prototype members instead of crashing', async () => {
    const names = ['toString', 'constructor', 'hasOwnProperty', '__proto__'];
    for (const name of names) {
      const mutation: OptionMutation = { kind: 'unknown', path: [], name, value: 1 };
      for (const [kind, build] of [['circuitBreaker', circuitBreaker], ['retry', retry]] as const) {
        expect(() => refusalOf(() => build(applyMutation(CORE_BASES[kind] as never, mutation)), mutation), `${kind}() with ${name}`).not.toThrow();
      }
      await expect(bootFuzzApp(applyMutation(MODULE_BASE, mutation)).then(async (app) => app.close(), (error: unknown) => refusal(error, mutation))).resolves.toBeUndefined();
    }
  });

  it('keys any cache arguments with a bounded key, the same for equal arguments and different for different ones', async () => {
    const property = fc.property(fc.uniqueArray(cacheArgument, { selector: canonical, minLength: 2, maxLength: 12 }), (values) => {
      const keys = values.map((value) => cacheKey('fuzz', 'args', [value]));
      expect(new Set(keys).size).toBe(values.length);
      for (const key of keys) expect(key.length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
      values.forEach((value, i) => expect(cacheKey('fuzz', 'args', [structuredClone(value)])).toBe(keys[i]));
    });
    await check('cache arguments', property as never, 500 * RUNS);
    expect(cacheKey('fuzz', 'args', ['x'.repeat(5_000_000)]).length).toBeLessThanOrEqual(MAX_KEY_LENGTH);
  });

  it('never pollutes a prototype, whatever the arguments or cached values carry', async () => {
    const poison = fc.constantFrom('{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":{"__proto__":{"polluted":"yes"}}}').map((text) => JSON.parse(text) as unknown);
    const property = fc.property(fc.tuple(cacheArgument, poison), ([argument, payload]) => {
      cacheKey('fuzz', 'args', [argument, payload]);
      const decoded = taggedJsonSerializer.decode(taggedJsonSerializer.encode({ argument, payload })) as Record<string, unknown>;
      Object.assign({}, decoded, decoded.payload);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(Object.keys(Object.prototype)).toEqual([]);
    });
    await check('prototype pollution', property as never, 300 * RUNS);
  });

  it('refuses an argument that cannot be keyed with a TypeError naming where it is', async () => {
    const unkeyable = fc.constantFrom<[string, (holder: Record<string, unknown>) => unknown]>(
      ['a function', () => () => 1],
      ['a symbol', () => Symbol('local')],
      ['a cycle', (holder) => holder],
    );
    const property = fc.property(cacheArgument, fc.string({ minLength: 1, maxLength: 8 }), unkeyable, (argument, field, [what, make]) => {
      const holder: Record<string, unknown> = { argument };
      Object.defineProperty(holder, field, { value: make(holder), enumerable: true });
      expect(() => cacheKey('fuzz', 'args', [holder]), what).toThrow(TypeError);
      expect(() => cacheKey('fuzz', 'args', [holder])).toThrow(/^Cannot derive a cache key/);
    });
    await check('unkeyable arguments', property as never, 200 * RUNS);
  });

  it('reads garbage planted in Redis entries as misses, computes once, and replaces it', async () => {
    const tier = createRedisCacheTier({ redis: { host: '127.0.0.1', port: redis[0].port }, namespace: 'garbage' });
    const warnings: RedisCacheWarning[] = [];
    tier.onWarning((warning) => warnings.push(warning));
    // Before the tier's fail-fast client connects, every call is a miss whose write is dropped.
    await tier.ready();
    const products = cache({ name: 'fuzz', ttl: '1m', ...tier.cacheOptions });
    const client = redis[0].client();
    let run = 0;
    try {
      const property = fc.asyncProperty(garbageEntry, async (garbage) => {
        const key = ['planted', ++run];
        await client.set(products.keyOf(key), garbage);
        let computed = 0;
        const value = await products.getOrSet(key, async () => `fresh ${++computed}`);
        expect([value, computed]).toEqual(['fresh 1', 1]);
        expect(await products.getOrSet(key, async () => `fresh ${++computed}`)).toBe('fresh 1');
        expect(await client.getBuffer(products.keyOf(key))).not.toEqual(Buffer.from(garbage));
      });
      await check('garbage in Redis', property as never, 150 * RUNS);
      expect(warnings.some((warning) => warning.kind === 'corrupt-entry')).toBe(true);
    } finally {
      products.dispose();
      tier.close();
    }
  });
});

/** Builds, expecting a refusal that names the option. */
function refusalOf(build: () => unknown, mutation: OptionMutation): void {
  try {
    build();
  } catch (error) {
    refusal(error, mutation);
    return;
  }
  throw new Error(`accepted ${describeMutation(mutation)}`);
}

/** A bootstrap or construction refused options: it must say which, and not by crashing. */
function refusal(error: unknown, mutation: OptionMutation): undefined {
  if (isCrash(error)) throw new Error(`crashed on ${describeMutation(mutation)}: ${String(error)}`, { cause: error });
  const message = (error as Error).message;
  const named = [mutatedName(mutation), ...mutation.path].some((name) => message.includes(name));
  if (!named) throw new Error(`refused ${describeMutation(mutation)} without naming it: ${message}`);
  return undefined;
}

/** Waits for a call, at most 1.5 s (a fuzzed delay may be long, which is not a crash); rethrows only crashes. */
async function settle(call: Promise<unknown>): Promise<void> {
  const outcome = await Promise.race([call.then(() => undefined, (error: unknown) => error), new Promise((resolve) => setTimeout(resolve, 1_500, undefined))]);
  if (outcome !== undefined && !isExpectedCallError(outcome)) throw new Error(`a call crashed: ${String(outcome)}`, { cause: outcome });
}

function describeMutation(mutation: OptionMutation): string {
  const where = mutation.path.join('.') || '(root)';
  return mutation.kind === 'value' ? `${where} = ${String(mutation.value)}` : `unknown option ${JSON.stringify(mutation.name)} in ${where}`;
}
