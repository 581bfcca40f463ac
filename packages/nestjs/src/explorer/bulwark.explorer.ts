import { Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService, MetadataScanner } from '@nestjs/core';
import type { InstanceWrapper } from '@nestjs/core/injector/instance-wrapper.js';
import { messages } from '../bulwark.messages.js';
import { createInvoker } from '../invocation/create-invoker.js';
import { readDecoratedMethod } from '../metadata/policy-metadata.recorder.js';
import { wireInstance, type ClassWiring } from './instance-wiring.js';
import { MethodPlanner } from './method.planner.js';
import { wireScopedInstances } from './scoped-wiring.js';

/**
 * At module init, finds every provider and controller method carrying Bulwark decorators,
 * builds its policies from DI and config, and installs them on the instances of this
 * application. Every problem found is reported at once, failing bootstrap.
 */
@Injectable()
export class BulwarkExplorer implements OnModuleInit {
  private readonly logger = new Logger('Bulwark');
  private readonly wiringByPrototype = new Map<object, ClassWiring>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly planner: MethodPlanner,
  ) {}

  /** @throws Error listing every invalid decoration, naming `Class.method`, the option and the fix */
  onModuleInit(): void {
    const problems: string[] = [];
    for (const wrapper of [...this.discovery.getProviders(), ...this.discovery.getControllers()]) {
      try {
        this.wire(wrapper);
      } catch (error) {
        problems.push(error instanceof Error ? error.message : String(error));
      }
    }
    if (problems.length === 1) throw new Error(problems[0]);
    if (problems.length > 1) throw new Error(messages.bootstrapFailed(problems));
  }

  private wire(wrapper: InstanceWrapper): void {
    const prototype = prototypeOf(wrapper);
    if (prototype === undefined) return;
    const wiring = this.wiringFor(prototype);
    if (wiring.size === 0) return;
    if (wrapper.isDependencyTreeStatic() && !wrapper.isTransient) {
      if (!wireInstance(wrapper.instance as object, wiring)) this.warnNotWired(prototype, 'the instance is frozen or sealed');
      return;
    }
    const reason = wireScopedInstances(wrapper, wiring);
    if (reason !== undefined) this.warnNotWired(prototype, reason);
  }

  private wiringFor(prototype: object): ClassWiring {
    let wiring = this.wiringByPrototype.get(prototype);
    if (wiring) return wiring;
    const invokers = new Map<symbol, ReturnType<typeof createInvoker>>();
    for (const methodName of this.scanner.getAllMethodNames(prototype)) {
      const record = readDecoratedMethod(prototype, methodName);
      if (record) invokers.set(record.wiringKey, createInvoker(this.planner.plan(prototype, methodName, record)));
    }
    this.wiringByPrototype.set(prototype, (wiring = invokers));
    return wiring;
  }

  private warnNotWired(prototype: object, reason: string): void {
    this.logger.warn(messages.notWired(prototype.constructor.name, reason));
  }
}

/** The prototype whose methods an instance runs: the class's, or a factory-made instance's own. */
function prototypeOf(wrapper: InstanceWrapper): object | undefined {
  if (wrapper.metatype && !wrapper.inject && typeof wrapper.metatype === 'function') {
    return (wrapper.metatype as { prototype?: object }).prototype;
  }
  const instance: unknown = wrapper.isDependencyTreeStatic() ? wrapper.instance : undefined;
  return typeof instance === 'object' && instance !== null ? Object.getPrototypeOf(instance) : undefined;
}
