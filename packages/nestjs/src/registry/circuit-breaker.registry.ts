import type { CircuitBreakerPolicy, CircuitState, Disposable } from '@bulwark/core';
import { Injectable } from '@nestjs/common';
import { messages } from '../bulwark.messages.js';
import { PolicyRegistry } from './policy.registry.js';

/** A circuit breaker as the registry lists it. */
export interface CircuitBreakerEntry {
  readonly name: string;
  readonly state: CircuitState;
  readonly breaker: CircuitBreakerPolicy;
}

/**
 * Reads and controls this application's circuit breakers at run time: list them, read a state,
 * force one open for maintenance, or reset it.
 *
 * @example
 * constructor(private readonly breakers: CircuitBreakerRegistry) {}
 * pauseInventory() { return this.breakers.isolate('inventory'); }
 */
@Injectable()
export class CircuitBreakerRegistry {
  constructor(private readonly policies: PolicyRegistry) {}

  /** @returns every breaker, including per-key ones (named like `inventory[host-a]`) */
  list(): CircuitBreakerEntry[] {
    const entries: CircuitBreakerEntry[] = [];
    for (const entry of this.policies.all()) {
      if (entry.kind === 'circuitBreaker') entries.push({ name: entry.name, state: entry.policy.state, breaker: entry.policy });
    }
    return entries;
  }

  /**
   * @param name the breaker's name, as in config or `Class.method` for an unnamed one
   * @returns the breaker
   * @throws Error naming the breakers that exist, when there is none by that name
   */
  get(name: string): CircuitBreakerPolicy {
    for (const entry of this.policies.all()) {
      if (entry.kind === 'circuitBreaker' && entry.name === name) return entry.policy;
    }
    throw new Error(messages.unknownBreaker(name, this.list().map((entry) => entry.name)));
  }

  /** @returns the current state of the named breaker */
  state(name: string): CircuitState {
    return this.get(name).state;
  }

  /**
   * Forces the named breaker open until the returned handle is disposed or `reset` is called.
   *
   * @returns a handle that lifts this isolation
   */
  isolate(name: string): Disposable {
    return this.get(name).isolate();
  }

  /** Closes the named breaker and clears its counts. */
  reset(name: string): void {
    this.get(name).reset();
  }
}
