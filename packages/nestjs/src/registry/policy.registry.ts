import { EventEmitter, type Event } from '@bulwark/core';
import { Injectable } from '@nestjs/common';
import type { RegisteredPolicy } from './registered-policy.js';

/**
 * Every policy this application built, in creation order. Logging, health and metrics subscribe
 * to `onAdded`, so they also see policies created after bootstrap (per-key circuit breakers).
 * One per application: two apps in one process share nothing.
 */
@Injectable()
export class PolicyRegistry {
  private readonly entries: RegisteredPolicy[] = [];
  private readonly added = new EventEmitter<RegisteredPolicy>();
  private readonly removed = new EventEmitter<RegisteredPolicy>();

  /** Fires for each policy added from now on. */
  readonly onAdded: Event<RegisteredPolicy> = this.added.event;
  /** Fires for each policy removed (an evicted per-key breaker), so listeners can let go of it. */
  readonly onRemoved: Event<RegisteredPolicy> = this.removed.event;

  /** @returns every policy added so far */
  all(): readonly RegisteredPolicy[] {
    return this.entries;
  }

  /**
   * Records a new policy and announces it.
   *
   * @param entry the policy, its kind and name
   */
  add(entry: RegisteredPolicy): void {
    this.entries.push(entry);
    this.added.emit(entry);
  }

  /**
   * Forgets a policy (an evicted per-key breaker), so listings stay bounded.
   *
   * @param policy the policy object to drop
   */
  remove(policy: RegisteredPolicy['policy']): void {
    const index = this.entries.findIndex((entry) => entry.policy === policy);
    if (index < 0) return;
    const [entry] = this.entries.splice(index, 1);
    this.removed.emit(entry);
  }
}
