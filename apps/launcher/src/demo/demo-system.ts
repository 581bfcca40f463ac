import { RedisServerMissingError, startThrowawayRedis, type ThrowawayRedis } from 'sample-kit';
import { waitForHealth } from '../health.wait.js';
import { entryScript } from '../sample-system.js';
import { ServiceProcess } from '../service.process.js';
import { ORDER_REPLICAS, inventoryEnv, orderEnv } from './demo.settings.js';

/** How many throwaway Redis servers: one for the caches and reports, all three as Redlock nodes. */
const REDIS_SERVERS = 3;
/** A first run from source transpiles every module. */
const LISTEN_TIMEOUT_MS = 60_000;
const HEALTH_TIMEOUT_MS = 15_000;
/** How long a service may take to close on SIGTERM before it is killed. */
const GRACE_MS = 5_000;

/** An order-service replica of the demo. */
export interface OrderReplica {
  /** `orders-<n>`, its `REPLICA_ID`. */
  readonly id: string;
  readonly url: string;
  readonly process: ServiceProcess;
}

/**
 * Everything the demo runs, as real processes: throwaway `redis-server`s when available, the
 * inventory, and the order-service replicas (three sharing Redis, or one without it).
 */
export class DemoSystem {
  readonly redis: ThrowawayRedis[] = [];
  /** Why the demo runs without Redis, when it does. */
  redisMissing: string | undefined;
  readonly inventory = new ServiceProcess('inventory-service', entryScript('inventory-service'), { capture: true });
  inventoryUrl = '';
  readonly orders: OrderReplica[] = [];
  private readonly processes: ServiceProcess[] = [this.inventory];

  /** Whether the order replicas share Redis (caches, reports, lock). */
  get withRedis(): boolean {
    return this.redis.length > 0;
  }

  /**
   * Starts Redis (if it can), the inventory, then the order replicas, and waits until every
   * service answers 200 on `/health`.
   *
   * @throws Error when a service does not start
   */
  async start(): Promise<void> {
    await this.startRedis();
    const lockUrls = this.withRedis ? this.redis.map((server) => server.url) : undefined;
    this.inventoryUrl = await this.inventory.start(inventoryEnv(lockUrls), LISTEN_TIMEOUT_MS);
    const redis = lockUrls && { url: lockUrls[0], lockUrls };
    const ids = Array.from({ length: this.withRedis ? ORDER_REPLICAS : 1 }, (_, i) => `orders-${i + 1}`);
    // The first alone: it campaigns first, so orders-1 leads, and it leaves the modules transpiled for the others.
    const [first, ...others] = ids;
    await this.startOrder(first, redis);
    await Promise.all(others.map((id) => this.startOrder(id, redis)));
    this.orders.sort((a, b) => a.id.localeCompare(b.id));
    await Promise.all([this.inventoryUrl, ...this.orders.map(({ url }) => url)].map((url) => waitForHealth(url, HEALTH_TIMEOUT_MS)));
  }

  /**
   * @param id `orders-<n>`
   * @returns the replica
   * @throws Error for an unknown id
   */
  order(id: string): OrderReplica {
    const replica = this.orders.find((candidate) => candidate.id === id);
    if (replica === undefined) throw new Error(`No replica "${id}"; the demo runs ${this.orders.map((o) => o.id).join(', ')}.`);
    return replica;
  }

  /** Stops every service (SIGTERM, then SIGKILL after a grace) and every Redis server. */
  async stop(): Promise<void> {
    await Promise.all([...this.processes].reverse().map((service) => service.stop(GRACE_MS)));
    await Promise.all(this.redis.map((server) => server.stop()));
  }

  /** Kills everything at once, for a second Ctrl-C. */
  kill(): void {
    for (const service of this.processes) service.kill();
    for (const server of this.redis) void server.stop();
  }

  private async startRedis(): Promise<void> {
    try {
      this.redis.push(await startThrowawayRedis());
      this.redis.push(...(await Promise.all(Array.from({ length: REDIS_SERVERS - 1 }, () => startThrowawayRedis()))));
    } catch (error) {
      await Promise.all(this.redis.splice(0).map((server) => server.stop()));
      if (!(error instanceof RedisServerMissingError)) throw error;
      this.redisMissing = error.message;
    }
  }

  private async startOrder(id: string, redis: { url: string; lockUrls: readonly string[] } | undefined): Promise<void> {
    const service = new ServiceProcess(`order-service ${id}`, entryScript('order-service'), { capture: true });
    this.processes.push(service);
    const url = await service.start(orderEnv(id, this.inventoryUrl, redis), LISTEN_TIMEOUT_MS);
    this.orders.push({ id, url, process: service });
  }
}
