import { Injectable } from '@nestjs/common';
import { ConfigModule, ConfigService, registerAs } from '@nestjs/config';
import { afterEach, describe, expect, it } from 'vitest';
import { BulwarkModule, CircuitBreaker, CircuitBreakerRegistry, Retry, type BulwarkModuleOptions } from '../src/index.js';
import { closeApps, createApp } from './testing-app.js';

const bulwarkConfig = registerAs(
  'bulwark',
  (): BulwarkModuleOptions => ({
    circuitBreakers: { inventory: { consecutiveFailures: Number(process.env.TEST_INVENTORY_FAILURES), openDuration: process.env.TEST_INVENTORY_OPEN as '1m' } },
    retries: { standard: { maxAttempts: 2, delay: 0 } },
  }),
);

@Injectable()
class InventoryClient {
  calls = 0;
  @Retry('standard')
  @CircuitBreaker('inventory')
  async stock(): Promise<number> {
    this.calls++;
    throw new Error('inventory down');
  }
}

describe('configuration through @nestjs/config', () => {
  afterEach(closeApps);

  it('reads named policies from a registerAs namespace with forRootAsync', async () => {
    process.env.TEST_INVENTORY_FAILURES = '2';
    process.env.TEST_INVENTORY_OPEN = '1m';
    const app = await createApp({
      imports: [
        ConfigModule.forRoot({ ignoreEnvFile: true, load: [bulwarkConfig] }),
        BulwarkModule.forRootAsync({
          imports: [ConfigModule],
          inject: [ConfigService],
          useFactory: (config: ConfigService) => config.getOrThrow<BulwarkModuleOptions>('bulwark'),
        }),
      ],
      providers: [InventoryClient],
    });
    const client = app.get(InventoryClient);
    await expect(client.stock()).rejects.toThrow('inventory down');
    expect(client.calls).toBe(2);
    const breaker = app.get(CircuitBreakerRegistry).list().find((entry) => entry.name === 'inventory');
    expect(breaker?.state).toBe('OPEN');
    expect(breaker?.breaker.toJSON()).toMatchObject({ state: 'OPEN' });
  });

  it('is global with isGlobal, so feature modules need not import it', async () => {
    const app = await createApp({
      imports: [BulwarkModule.forRootAsync({ isGlobal: true, useFactory: () => ({ circuitBreakers: { inventory: {} }, retries: { standard: {} } }) })],
      providers: [InventoryClient],
    });
    expect(app.get(CircuitBreakerRegistry).list().map((entry) => entry.name)).toEqual(['inventory']);
  });
});
