import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { bulwarkConfigFrom } from '../src/config/bulwark.config.js';
import { deploymentConfigFrom } from '../src/config/deployment.config.js';
import { reportsConfigFrom } from '../src/config/reports.config.js';

describe('configuration from the environment', () => {
  it('runs on embedded defaults without any variable: memory caches, in-process lock, a daily report', () => {
    const bulwark = bulwarkConfigFrom({});

    expect(deploymentConfigFrom({})).toEqual({ replicaId: `${hostname()}-${process.pid}`, redisUrl: undefined, lockNodes: undefined });
    expect(bulwark.cache?.redis).toBeUndefined();
    expect(bulwark.lock).toEqual({ election: { name: 'order-service', id: `${hostname()}-${process.pid}` } });
    expect(reportsConfigFrom({})).toEqual({ cron: '0 30 23 * * *' });
  });

  it.each([
    ['REDIS_URL alone: the lock runs on that one node', { REDIS_URL: 'redis://r:6379' }, 'redis://r:6379', ['redis://r:6379']],
    ['LOCK_REDIS_URLS alone: memory caches, Redlock over the nodes', { LOCK_REDIS_URLS: 'redis://a:1,redis://b:2, redis://c:3' }, undefined, ['redis://a:1', 'redis://b:2', 'redis://c:3']],
    ['both: each as given', { REDIS_URL: 'redis://r:6379', LOCK_REDIS_URLS: 'redis://a:1,redis://b:2,redis://c:3' }, 'redis://r:6379', ['redis://a:1', 'redis://b:2', 'redis://c:3']],
  ])('%s', (_case, env, cacheRedis, lockNodes) => {
    const bulwark = bulwarkConfigFrom({ ...env, REPLICA_ID: 'orders-1' });

    expect(bulwark.cache?.redis).toBe(cacheRedis);
    expect(bulwark.cache?.namespace).toBe('orders');
    expect(bulwark.lock).toEqual({ redis: lockNodes, election: { name: 'order-service', id: 'orders-1' } });
  });

  it('lets BULWARK__* variables override what the deployment variables set', () => {
    const bulwark = bulwarkConfigFrom({ REDIS_URL: 'redis://r:6379', BULWARK__LOCK__ELECTION__LEASE: '1500ms', BULWARK__CACHE__CACHES__STOCK__TTL: '1s' });

    expect(bulwark.lock?.election).toEqual({ name: 'order-service', id: expect.any(String), lease: '1500ms' });
    expect(bulwark.cache?.caches?.stock).toEqual({ ttl: '1s', grace: '1h', earlyRefresh: false });
  });

  it.each([
    [{ REDIS_URL: 'http://r:6379' }, 'REDIS_URL must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379; got "http://r:6379".'],
    [{ LOCK_REDIS_URLS: 'redis://a:1,,redis://c:3' }, 'LOCK_REDIS_URLS must be a redis:// or rediss:// URL such as redis://127.0.0.1:6379 (several: comma-separated); got "".'],
    [{ REPLICA_ID: 'orders 1' }, `REPLICA_ID must be 1 to 64 letters, digits, '.', '_', ':' or '-'; got "orders 1".`],
  ])('refuses %j, naming the variable', (env, message) => {
    expect(() => bulwarkConfigFrom(env)).toThrow(message);
  });

  it('refuses a REPORT_CRON that is not a cron expression, naming the variable', () => {
    expect(() => reportsConfigFrom({ REPORT_CRON: '* * * *' })).toThrow(
      'REPORT_CRON must be a cron expression such as "0 30 23 * * *" or "* * * * * *" (every second); got "* * * *" (Too few fields).',
    );
    expect(reportsConfigFrom({ REPORT_CRON: ' * * * * * * ' })).toEqual({ cron: '* * * * * *' });
  });
});
