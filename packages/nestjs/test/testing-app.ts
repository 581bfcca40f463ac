import type { INestApplication, ModuleMetadata } from '@nestjs/common';
import { Test } from '@nestjs/testing';

/** Apps created by a test file, closed after each test even when it fails. */
const open = new Set<INestApplication>();

/**
 * Compiles a testing module and initialises a real Nest application from it.
 *
 * @param metadata the root module's imports, providers and controllers
 * @returns the initialised application
 */
export async function createApp(metadata: ModuleMetadata): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule(metadata).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  open.add(app);
  await app.init();
  return app;
}

/** Closes every application `createApp` opened; call it from `afterEach`. */
export async function closeApps(): Promise<void> {
  await Promise.all([...open].map((app) => app.close()));
  open.clear();
}
