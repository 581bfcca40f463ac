import { ManualClock } from '@bulwark/core';
import { CircuitBreakerRegistry } from '@bulwark/nestjs';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { bulwarkConfig, bulwarkConfigFrom } from '../../src/config/bulwark.config.js';
import type { Env } from '../../src/config/env.js';
import { inventoryConfig, inventoryConfigFrom } from '../../src/config/inventory.config.js';
import { serverConfig, serverConfigFrom } from '../../src/config/server.config.js';

/** Short retry waits, so a test spends milliseconds, not seconds, on backoff; set the BULWARK__* way. */
const QUICK_RETRIES: Env = {
  BULWARK__RETRIES__INVENTORY__DELAY: '5ms',
  BULWARK__RETRIES__INVENTORY__MAX_DELAY: '20ms',
};

/** An order service listening on a free loopback port. */
export interface RunningOrders {
  readonly app: INestApplication;
  /** e.g. `http://127.0.0.1:41235` */
  readonly url: string;
  /** The clock of every Bulwark policy of this app: the open duration passes only when advanced. */
  readonly clock: ManualClock;
  /** The app's circuit breakers. */
  readonly breakers: CircuitBreakerRegistry;
}

const running = new Set<INestApplication>();

/**
 * Starts the real order `AppModule` in this process on `127.0.0.1:0`, pointed at an inventory,
 * its config namespaces built from `env` instead of `process.env` and its policies on a
 * `ManualClock`.
 *
 * @param inventoryUrl where the inventory listens
 * @param env environment variables as the service would read them (`BULWARK__*` included)
 * @returns the running service; `stopOrderServices()` closes it
 */
export async function startOrders(inventoryUrl: string, env: Env = {}): Promise<RunningOrders> {
  const clock = new ManualClock();
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(serverConfig.KEY)
    .useValue(serverConfigFrom(env))
    .overrideProvider(inventoryConfig.KEY)
    .useValue(inventoryConfigFrom({ INVENTORY_URL: inventoryUrl, ...env }))
    .overrideProvider(bulwarkConfig.KEY)
    .useValue({ ...bulwarkConfigFrom({ ...QUICK_RETRIES, ...env }), clock })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  running.add(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), clock, breakers: app.get(CircuitBreakerRegistry) };
}

/** Closes every order service `startOrders` started; call it from `afterEach`. */
export async function stopOrderServices(): Promise<void> {
  await Promise.all([...running].map((app) => app.close()));
  running.clear();
}
