import type { INestApplication } from '@nestjs/common';
import { Test } from '@nestjs/testing';
import { AppModule } from '../../src/app.module.js';
import { catalogueConfig, catalogueConfigFrom } from '../../src/config/catalogue.config.js';
import { deploymentConfig, deploymentConfigFrom } from '../../src/config/deployment.config.js';
import type { Env } from 'sample-kit';
import { serverConfig, serverConfigFrom } from '../../src/config/server.config.js';
import type { FaultSettings } from '../../src/faults/fault.settings.js';
import type { TrafficStats } from '../../src/stats/traffic-stats.service.js';
import { request } from 'sample-kit';

/** An inventory service listening on a free loopback port. */
export interface RunningInventory {
  readonly app: INestApplication;
  /** e.g. `http://127.0.0.1:41234` */
  readonly url: string;
  /** Injects faults through `POST /admin/faults`. */
  inject(faults: Partial<FaultSettings>): Promise<void>;
  /** Ends every fault through `DELETE /admin/faults`. */
  mend(): Promise<void>;
  /** The requests received, from `GET /admin/stats`. */
  stats(): Promise<TrafficStats>;
  /** Starts counting again, through `DELETE /admin/stats`. */
  resetStats(): Promise<void>;
}

const running = new Set<INestApplication>();

/**
 * Starts the real inventory `AppModule` in this process on `127.0.0.1:0`, its config namespaces
 * built from `env` instead of `process.env` (restocking off unless `env` turns it on).
 *
 * @param env environment variables as the service would read them
 * @returns the running service; `stopInventories()` closes it
 */
export async function startInventory(env: Env = {}): Promise<RunningInventory> {
  const moduleRef = await Test.createTestingModule({ imports: [AppModule] })
    .overrideProvider(serverConfig.KEY)
    .useValue(serverConfigFrom(env))
    .overrideProvider(catalogueConfig.KEY)
    .useValue(catalogueConfigFrom({ RESTOCK_INTERVAL_MS: '0', ...env }))
    .overrideProvider(deploymentConfig.KEY)
    .useValue(deploymentConfigFrom(env))
    .compile();
  const app = moduleRef.createNestApplication({ logger: false });
  running.add(app);
  await app.listen(0, '127.0.0.1');
  const url = await app.getUrl();
  const expectOk = async (answer: Promise<{ status: number }>): Promise<void> => {
    const { status } = await answer;
    if (status !== 200) throw new Error(`the inventory's admin API answered ${status}`);
  };
  return {
    app,
    url,
    inject: (faults) => expectOk(request(`${url}/admin/faults`, 'POST', faults)),
    mend: () => expectOk(request(`${url}/admin/faults`, 'DELETE')),
    stats: async () => (await request<TrafficStats>(`${url}/admin/stats`)).body,
    resetStats: () => expectOk(request(`${url}/admin/stats`, 'DELETE')),
  };
}

/** Closes every inventory `startInventory` started; call it from `afterEach`. */
export async function stopInventories(): Promise<void> {
  await Promise.all([...running].map((app) => app.close()));
  running.clear();
}
