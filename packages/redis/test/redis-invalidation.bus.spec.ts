import type { InvalidationMessage } from '@bulwark/core';
import { useRedisServers } from '@bulwark/test/support';
import { afterEach, describe, expect, it } from 'vitest';
import { RedisInvalidationBus, RESYNC_ORIGIN } from '../src/index.js';

/** Resolves with the next `count` messages a bus delivers. */
function nextMessages(bus: RedisInvalidationBus, count = 1): Promise<InvalidationMessage[]> {
  const seen: InvalidationMessage[] = [];
  return new Promise((resolve) => {
    const subscription = bus.subscribe((message) => {
      seen.push(message);
      if (seen.length < count) return;
      subscription.dispose();
      resolve(seen);
    });
  });
}

describe('RedisInvalidationBus against a real redis-server', () => {
  const servers = useRedisServers(1);
  const buses: RedisInvalidationBus[] = [];
  const busOn = (namespace = 'shop', client = servers[0].client({ retryStrategy: () => 20 })): RedisInvalidationBus => {
    const bus = new RedisInvalidationBus({ client, namespace });
    buses.push(bus);
    return bus;
  };

  afterEach(() => {
    for (const bus of buses.splice(0)) bus.close();
  });

  it('delivers a message to every instance of the namespace, the publisher included, and to no other namespace', async () => {
    const [a, b, other] = [busOn(), busOn(), busOn('other')];
    const otherHeard: InvalidationMessage[] = [];
    other.subscribe((message) => otherHeard.push(message));
    const [atA, atB] = [nextMessages(a), nextMessages(b)];
    await Promise.all([a.subscribed(), b.subscribed(), other.subscribed()]);
    const message: InvalidationMessage = { kind: 'tag', value: 'shop:__tag:abc', at: 1_700_000_000_123, origin: 'instance-a' };
    await a.publish(message);
    expect(await atA).toEqual([message]);
    expect(await atB).toEqual([message]);
    // A later message on the same connection arriving proves the other namespace had its chance.
    const marker = nextMessages(other);
    await other.publish({ ...message, origin: 'marker' });
    expect(await marker).toEqual([{ ...message, origin: 'marker' }]);
    expect(otherHeard.map((m) => m.origin)).toEqual(['marker']);
  });

  it('ignores what others publish on its channel unless it is an invalidation, and says so', async () => {
    const bus = busOn();
    const errors: Error[] = [];
    bus.onError((error) => errors.push(error));
    const heard = nextMessages(bus);
    await bus.subscribed();
    const raw = servers[0].client();
    for (const text of ['not json', '{"kind":"all","value":"x","at":1,"origin":"o"}', '{"kind":"key","value":1,"at":1,"origin":"o"}', 'null']) {
      await raw.publish('shop:__invalidations', text);
    }
    const valid: InvalidationMessage = { kind: 'key', value: 'shop:catalog:1', at: 1, origin: 'o' };
    await raw.publish('shop:__invalidations', JSON.stringify(valid));
    expect(await heard).toEqual([valid]);
    expect(errors.map((e) => e.message)).toEqual([
      'Ignored a message on shop:__invalidations that is not an invalidation: not json. Check what else publishes on this channel.',
      expect.stringContaining('"kind":"all"'),
      expect.stringContaining('"value":1'),
      expect.stringContaining(': null.'),
    ]);
  });

  it('resubscribes after Redis comes back, tells listeners to drop the whole namespace, and hears new messages', async () => {
    const server = servers[0];
    const publisher = server.client({ retryStrategy: () => 20 });
    const [a, b] = [busOn('shop', publisher), busOn()];
    b.subscribe(() => undefined);
    await b.subscribed();
    await server.crash();
    const resync = nextMessages(b);
    await server.restart();
    expect(await resync).toEqual([{ kind: 'prefix', value: 'shop:', at: expect.any(Number), origin: RESYNC_ORIGIN }]);
    const after = nextMessages(b);
    const message: InvalidationMessage = { kind: 'key', value: 'shop:catalog:2', at: 2, origin: 'a' };
    if (publisher.status !== 'ready') await new Promise((resolve) => publisher.once('ready', resolve));
    await a.publish(message);
    expect(await after).toEqual([message]);
  });

  it('opens its subscriber from a lazyConnect client', async () => {
    const bus = busOn('shop', servers[0].client({ lazyConnect: true }));
    const heard = nextMessages(bus);
    await bus.subscribed();
    await busOn().publish({ kind: 'key', value: 'k', at: 1, origin: 'o' });
    expect(await heard).toHaveLength(1);
  });
});
