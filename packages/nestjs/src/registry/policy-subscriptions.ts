import type { Disposable } from '@bulwark/core';
import type { PolicyRegistry } from './policy.registry.js';
import type { RegisteredPolicy } from './registered-policy.js';

type PolicyObject = RegisteredPolicy['policy'];

/**
 * Keeps listeners on every policy of a registry: those there now and those added later. Listeners
 * of a policy the registry removes (an evicted per-key breaker) are released at once, so they do
 * not keep it alive.
 *
 * @example
 * const subscriptions = new PolicySubscriptions(registry, (entry) => [entry.policy.onStateChange(log)]);
 * subscriptions.start();
 * subscriptions.dispose();
 */
export class PolicySubscriptions {
  private readonly watched = new Map<PolicyObject, Disposable[]>();
  private registryListeners: Disposable[] = [];

  /**
   * @param registry the application's policies
   * @param subscribe attaches listeners to one policy and returns the handles that detach them
   */
  constructor(
    private readonly registry: PolicyRegistry,
    private readonly subscribe: (entry: RegisteredPolicy) => Disposable[],
  ) {}

  /** Subscribes to every registered policy, and to each one added from now on. */
  start(): void {
    if (this.registryListeners.length > 0) return;
    for (const entry of this.registry.all()) this.watch(entry);
    this.registryListeners = [
      this.registry.onAdded((entry) => this.watch(entry)),
      this.registry.onRemoved((entry) => this.unwatch(entry.policy)),
    ];
  }

  /** Detaches every listener; calling it twice is harmless. */
  dispose(): void {
    release(this.registryListeners);
    this.registryListeners = [];
    for (const handles of this.watched.values()) release(handles);
    this.watched.clear();
  }

  private watch(entry: RegisteredPolicy): void {
    if (!this.watched.has(entry.policy)) this.watched.set(entry.policy, this.subscribe(entry));
  }

  private unwatch(policy: PolicyObject): void {
    const handles = this.watched.get(policy);
    if (!handles) return;
    release(handles);
    this.watched.delete(policy);
  }
}

function release(handles: readonly Disposable[]): void {
  for (const handle of handles) handle.dispose();
}
