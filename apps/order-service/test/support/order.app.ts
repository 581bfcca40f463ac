import { ManualClock } from '@bulwark/core';
import { CircuitBreakerRegistry } from '@bulwark/nestjs';
import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { bulwarkConfig, bulwarkConfigFrom } from '../../src/config/bulwark.config.js';
import { deploymentConfig, deploymentConfigFrom } from '../../src/config/deployment.config.js';
import type { Env } from 'sample-kit';
import { inventoryConfig, inventoryConfigFrom } from '../../src/config/inventory.config.js';
import { reportsConfig, reportsConfigFrom } from '../../src/config/reports.config.js';
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
  /** The wall clock of the caches, when `startOrders` was asked for a manual one: entries expire only when advanced. */
  readonly cacheClock: ManualClock;
  /** The app's circuit breakers. */
  readonly breakers: CircuitBreakerRegistry;
}

/** Options of {@link startOrders}. */
export interface StartOptions {
  /**
   * Give the caches a `ManualClock` (starting now) instead of the wall clock. Entries then never
   * expire by themselves; and since tag invalidations compare times, a product evicted by tag stays
   * uncacheable until the clock is advanced. @default false
   */
  readonly manualCacheClock?: boolean;
}

const running = new Set<INestApplication>();

/**
 * Starts the real order `AppModule` in this process on `127.0.0.1:0`, pointed at an inventory,
 * its config namespaces built from `env` instead of `process.env` and its policies on a
 * `ManualClock`. With `REDIS_URL` in `env`, the caches, the lock and the reports use that Redis.
 *
 * @param inventoryUrl where the inventory listens
 * @param env environment variables as the service would read them (`BULWARK__*` included)
 * @param options the caches' clock
 * @returns the running service; `stopOrderServices()` closes it
 */
export async function startOrders(inventoryUrl: string, env: Env = {}, options: StartOptions = {}): Promise<RunningOrders> {
  const clock = new ManualClock();
  const cacheClock = new ManualClock(Date.now());
  const bulwark = bulwarkConfigFrom({ ...QUICK_RETRIES, ...env });
  const cache = options.manualCacheClock === true ? { ...bulwark.cache, clock: cacheClock } : bulwark.cache;
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(serverConfig.KEY)
    .useValue(serverConfigFrom(env))
    .overrideProvider(inventoryConfig.KEY)
    .useValue(inventoryConfigFrom({ INVENTORY_URL: inventoryUrl, ...env }))
    .overrideProvider(deploymentConfig.KEY)
    .useValue(deploymentConfigFrom(env))
    .overrideProvider(reportsConfig.KEY)
    .useValue(reportsConfigFrom(env))
    .overrideProvider(bulwarkConfig.KEY)
    .useValue({ ...bulwark, clock, cache })
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  running.add(app);
  await app.listen(0, '127.0.0.1');
  return { app, url: await app.getUrl(), clock, cacheClock, breakers: app.get(CircuitBreakerRegistry) };
}

/** Closes every order service `startOrders` started; call it from `afterEach`. */
export async function stopOrderServices(): Promise<void> {
  await Promise.all([...running].map((app) => app.close()));
  running.clear();
}
