import { Injectable } from '@nestjs/common';
import { BrokenCircuitError } from '@bulwark/core';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry, PolicyRegistry } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

@Injectable()
class HostClient {
  @CircuitBreaker({ consecutiveFailures: 1, key: (host: string) => host, maxKeys: 2 })
  async get(host: string, fail = false): Promise<string> {
    if (fail) throw new Error(`${host} down`);
    return host;
  }
}

describe('the circuit breaker registry', () => {
  afterEach(closeApps);

  async function setup() {
    const app = await createApp({ imports: [BulwarkModule.forRoot()], providers: [HostClient] });
    return { client: app.get(HostClient), breakers: app.get(CircuitBreakerRegistry), policies: app.get(PolicyRegistry) };
  }

  it('gives each key its own breaker, so one bad host does not cut off the others', async () => {
    const { client, breakers } = await setup();
    await expect(client.get('a', true)).rejects.toThrow('a down');
    await expect(client.get('a')).rejects.toBeInstanceOf(BrokenCircuitError);
    await expect(client.get('b')).resolves.toBe('b');
    expect(breakers.list().map(({ name, state }) => [name, state])).toEqual([
      ['HostClient.get[a]', 'OPEN'],
      ['HostClient.get[b]', 'CLOSED'],
    ]);
  });

  it('keeps at most maxKeys per-key breakers, evicting the least recently used', async () => {
    const { client, breakers } = await setup();
    await client.get('a');
    await client.get('b');
    await client.get('a');
    await client.get('c');
    expect(breakers.list().map((entry) => entry.name)).toEqual(['HostClient.get[a]', 'HostClient.get[c]']);
  });

  it('isolates and resets a breaker at run time', async () => {
    const { client, breakers } = await setup();
    await client.get('a');
    const isolation = breakers.isolate('HostClient.get[a]');
    await expect(client.get('a')).rejects.toBeInstanceOf(BrokenCircuitError);
    expect(breakers.state('HostClient.get[a]')).toBe('ISOLATED');
    isolation.dispose();
    await expect(client.get('a')).resolves.toBe('a');
    await expect(client.get('a', true)).rejects.toThrow();
    breakers.reset('HostClient.get[a]');
    expect(breakers.state('HostClient.get[a]')).toBe('CLOSED');
  });

  it('names the known breakers when asked for one that does not exist', async () => {
    const { client, breakers } = await setup();
    await client.get('a');
    expect(() => breakers.get('nope')).toThrow('There is no circuit breaker named "nope" in this application. Known breakers: HostClient.get[a].');
  });
});
