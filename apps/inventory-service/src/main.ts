import 'reflect-metadata';
import { ConsoleLogger } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import { AppModule } from './app.module.js';
import { serverConfig } from './config/server.config.js';

/** What a launcher that forked this process (with an IPC channel) is told once it listens. */
export interface ListeningMessage {
  readonly kind: 'listening';
  readonly service: 'inventory-service';
  readonly url: string;
}

/** Starts the inventory service on 127.0.0.1 and stops it cleanly on SIGINT/SIGTERM. */
async function bootstrap(): Promise<void> {
  const app = await NestFactory.create(AppModule, { bufferLogs: true });
  const server = app.get<ConfigType<typeof serverConfig>>(serverConfig.KEY);
  app.useLogger(new ConsoleLogger({ prefix: 'inventory', logLevels: server.logLevels }));
  app.enableShutdownHooks(undefined, { useProcessExit: true });
  await app.listen(server.port, '127.0.0.1');
  const url = await app.getUrl();
  if (process.send) {
    // Forked by the launcher: report the address, and never outlive it.
    process.send({ kind: 'listening', service: 'inventory-service', url } satisfies ListeningMessage);
    process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
  }
}

await bootstrap();
