import { Module, type DynamicModule } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BulwarkCaches } from '../cache/bulwark-caches.js';
import { CacheLayerPlanner } from '../cache/cache-layer.planner.js';
import { LockEventsLogger } from '../logging/lock-events.logger.js';
import { BulwarkLocks } from '../singleton/bulwark-locks.js';
import { SingletonContext } from '../singleton/singleton.context.js';
import { SingletonLayerPlanner } from '../singleton/singleton-layer.planner.js';
import { BulwarkExplorer } from '../explorer/bulwark.explorer.js';
import { MethodPlanner } from '../explorer/method.planner.js';
import { PolicyEventsLogger } from '../logging/policy-events.logger.js';
import { BULWARK_OPTIONS } from '../options/bulwark-options.token.js';
import type { BulwarkModuleOptions } from '../options/bulwark-module.options.js';
import { resolveBulwarkOptions } from '../options/resolve-bulwark-options.js';
import { CircuitBreakerRegistry } from '../registry/circuit-breaker.registry.js';
import { PolicyFactory } from '../registry/policy.factory.js';
import { PolicyRegistry } from '../registry/policy.registry.js';
import { BULWARK_MODULE_OPTIONS, BULWARK_OPTIONS_TYPE, BulwarkConfigurableModule } from './bulwark.module-definition.js';

/**
 * Wires `@CircuitBreaker`, `@Retry` and `@Timeout` on every provider and controller of the
 * application from config and DI. Import it once, in the root module.
 *
 * @example
 * @Module({ imports: [BulwarkModule.forRoot({ circuitBreakers: { inventory: { consecutiveFailures: 5 } } })] })
 * export class AppModule {}
 */
@Module({
  imports: [DiscoveryModule],
  providers: [
    {
      provide: BULWARK_OPTIONS,
      useFactory: (options: BulwarkModuleOptions) => resolveBulwarkOptions(options),
      inject: [BULWARK_MODULE_OPTIONS],
    },
    PolicyRegistry,
    PolicyFactory,
    MethodPlanner,
    BulwarkExplorer,
    CircuitBreakerRegistry,
    PolicyEventsLogger,
    BulwarkCaches,
    CacheLayerPlanner,
    BulwarkLocks,
    SingletonContext,
    SingletonLayerPlanner,
    LockEventsLogger,
  ],
  exports: [BULWARK_OPTIONS, PolicyRegistry, CircuitBreakerRegistry, BulwarkCaches, BulwarkLocks, SingletonContext],
})
export class BulwarkModule extends BulwarkConfigurableModule {
  /**
   * Configures Bulwark with options known up front; see `forRootAsync` to read them from config.
   *
   * @param options named policies, defaults, health and logging settings, and `isGlobal` (default true)
   * @returns the dynamic module to import
   * @throws InvalidOptionError at bootstrap for an unknown option or an out-of-range value
   */
  static override forRoot(options: typeof BULWARK_OPTIONS_TYPE = {}): DynamicModule {
    return super.forRoot(options);
  }
}
