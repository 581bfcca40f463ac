import { useRedisServers } from '@bulwark/test/support';
import type { Redis } from 'ioredis';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RedisSingleFlight, type RedisSingleFlightOptions } from '../src/index.js';

const BOUNDS = { maxWaitMs: 5_000, lockTtlMs: 5_000 };

function deferred<T>(): { promise: Promise<T>; resolve: (value: T) => void; reject: (error: unknown) => void } {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe('RedisSingleFlight against a real redis-server', () => {
  const servers = useRedisServers(1);
  const flights: RedisSingleFlight[] = [];
  let shared: Redis;
  const instance = (options: Partial<RedisSingleFlightOptions> = {}): RedisSingleFlight => {
    const flight = new RedisSingleFlight({ client: servers[0].client({ retryStrategy: () => 20 }), namespace: 'shop', ...options });
    flights.push(flight);
    return flight;
  };
  /** The shared store, as the cache engine would see it: the value once the computer stored it. */
  const read = async (): Promise<string | undefined> => (await shared.get('shop:catalog:k')) ?? undefined;

  beforeEach(async () => {
    shared = servers[0].client();
    await shared.flushall();
  });

  afterEach(() => {
    for (const flight of flights.splice(0)) flight.close();
  });

  it('lets one instance compute while the others wait for its value, woken by the landing', async () => {
    // Polling every 10 s: only the pub/sub wake-up can answer the waiters within the test.
    const [a, b, c] = [instance({ pollInterval: '10s' }), instance({ pollInterval: '10s' }), instance({ pollInterval: '10s' })];
    await Promise.all([a.listening(), b.listening(), c.listening()]);
    let calls = 0;
    const gate = deferred<void>();
    const compute = async (): Promise<string> => {
      calls++;
      await gate.promise;
      await shared.set('shop:catalog:k', 'computed');
      return 'computed';
    };
    const results = [a, b, c].flatMap((flight) => Array.from({ length: 50 }, () => flight.run('shop:catalog:k', compute, read, BOUNDS)));
    await new Promise((resolve) => setImmediate(resolve));
    gate.resolve();
    expect(new Set(await Promise.all(results))).toEqual(new Set(['computed']));
    expect(calls).toBe(1);
    await Promise.all([a, b, c].map((flight) => flight['config'].client.ping()));
    expect(await shared.exists('shop:catalog:k:__lock')).toBe(0);
  });

  it('finds the value by polling when the landing announcement is lost', async () => {
    const [holder, waiter] = [instance(), instance({ pollInterval: '10ms' })];
    const client = holder['config'].client;
    client.publish = (async () => 0) as unknown as typeof client.publish;
    const gate = deferred<void>();
    const held = holder.run('shop:catalog:k', async () => {
      await gate.promise;
      await shared.set('shop:catalog:k', 'from holder');
      return 'from holder';
    }, read, BOUNDS);
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    const waited = waiter.run('shop:catalog:k', async () => 'from waiter', read, BOUNDS);
    gate.resolve();
    expect(await Promise.all([held, waited])).toEqual(['from holder', 'from holder']);
  });

  it('computes itself after maxWaitMs when the holder never delivers', async () => {
    const [holder, waiter] = [instance(), instance()];
    const never = deferred<string>();
    void holder.run('shop:catalog:k', () => never.promise, read, BOUNDS);
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    const started = performance.now();
    expect(await waiter.run('shop:catalog:k', async () => 'impatient', read, { maxWaitMs: 150, lockTtlMs: 5_000 })).toBe('impatient');
    expect(performance.now() - started).toBeGreaterThanOrEqual(140);
    never.resolve('late');
  });

  it('hands over to a waiter when the holder fails, and gives the holder its error', async () => {
    const [holder, waiter] = [instance(), instance({ pollInterval: '10s' })];
    await waiter.listening();
    const gate = deferred<void>();
    const held = holder.run('shop:catalog:k', async () => {
      await gate.promise;
      throw new Error('origin down');
    }, read, BOUNDS);
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    const waited = waiter.run('shop:catalog:k', async () => 'second try', read, BOUNDS);
    gate.resolve();
    await expect(held).rejects.toThrow('origin down');
    expect(await waited).toBe('second try');
  });

  it('releases its lock once Redis answers again, so waiters do not sit out maxWait for a value whose write was lost', async () => {
    let failing = false;
    const flaky = <R>(command: () => Promise<R>): Promise<R> => (failing ? Promise.reject(new Error('connection reset')) : command());
    const [holder, waiter] = [instance({ runCommand: flaky, pollInterval: '10ms' }), instance({ pollInterval: '10ms' })];
    await waiter.listening();
    const gate = deferred<void>();
    const held = holder.run('shop:catalog:k', async () => {
      await gate.promise;
      // Redis fails for the holder from here: its write is lost, and so is its first release.
      failing = true;
      return 'from holder, not stored';
    }, read, BOUNDS);
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    const started = performance.now();
    const waited = waiter.run('shop:catalog:k', async () => 'from waiter', read, BOUNDS);
    gate.resolve();
    expect(await held).toBe('from holder, not stored');
    setTimeout(() => (failing = false), 100);
    expect(await waited).toBe('from waiter');
    expect(performance.now() - started).toBeLessThan(BOUNDS.maxWaitMs / 2);
  });

  it('extends its lock while a computation outlasts lockTtl, so waiters keep waiting instead of computing too', async () => {
    const [holder, waiter] = [instance(), instance({ pollInterval: '10ms' })];
    const bounds = { maxWaitMs: 5_000, lockTtlMs: 150 };
    let calls = 0;
    const held = holder.run('shop:catalog:k', async () => {
      calls++;
      await new Promise((resolve) => setTimeout(resolve, 600));
      await shared.set('shop:catalog:k', 'slow value');
      return 'slow value';
    }, read, bounds);
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    const waited = waiter.run('shop:catalog:k', async () => `computed again ${++calls}`, read, bounds);
    expect(await Promise.all([held, waited])).toEqual(['slow value', 'slow value']);
    expect(calls).toBe(1);
  });

  it('lets the lock of a holder that stopped extending it lapse after lockTtl', async () => {
    const [holder, waiter] = [instance(), instance({ pollInterval: '10ms' })];
    const never = deferred<string>();
    void holder.run('shop:catalog:k', () => never.promise, read, { maxWaitMs: 5_000, lockTtlMs: 200 });
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    // The holder's process dies, and its connection with it.
    holder['config'].client.disconnect();
    const started = performance.now();
    expect(await waiter.run('shop:catalog:k', async () => 'taken over', read, { maxWaitMs: 5_000, lockTtlMs: 200 })).toBe('taken over');
    expect(performance.now() - started).toBeLessThan(1_000);
    never.resolve('late');
  });

  it('releases only its own lock', async () => {
    const flight = instance();
    const gate = deferred<void>();
    const held = flight.run('shop:catalog:k', async () => {
      await gate.promise;
      return 'v';
    }, read, { maxWaitMs: 1_000, lockTtlMs: 5_000 });
    await until(async () => (await shared.exists('shop:catalog:k:__lock')) === 1);
    // As if the lock had expired and another instance had taken it.
    await shared.set('shop:catalog:k:__lock', 'someone else');
    gate.resolve();
    await held;
    // The release is not awaited by run(); a later command on the same connection runs after it.
    await flight['config'].client.ping();
    expect(await shared.get('shop:catalog:k:__lock')).toBe('someone else');
  });

  it('returns a value that landed between the caller’s miss and taking the lock, without computing', async () => {
    await shared.set('shop:catalog:k', 'already there');
    let calls = 0;
    const value = await instance().run('shop:catalog:k', async () => `computed ${++calls}`, read, BOUNDS);
    expect(value).toBe('already there');
    expect(calls).toBe(0);
  });

  it('fails open: computes at once and reports the error when Redis is unreachable', async () => {
    const flight = new RedisSingleFlight({ client: servers[0].client({ port: 1, enableOfflineQueue: false, retryStrategy: () => null }), namespace: 'shop' });
    flights.push(flight);
    const errors: Error[] = [];
    flight.onError((error) => errors.push(error));
    expect(await flight.run('shop:catalog:k', async () => 'local', read, BOUNDS)).toBe('local');
    expect(errors.length).toBeGreaterThan(0);
  });
});

/** Polls a condition on Redis state (an event to await does not exist for it). */
async function until(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setImmediate(resolve));
  }
  throw new Error('condition not met');
}
