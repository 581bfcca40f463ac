import { circuitBreaker, retry, wrap, type CircuitState } from '@bulwark/core';
import type { Narrator } from './narrator.js';

/** What each state means for the caller, said when the breaker enters it. */
const MEANING: Partial<Record<CircuitState, string>> = {
  OPEN: 'calls now fail fast',
  HALF_OPEN: 'one probe may test the service',
  CLOSED: 'calls flow again',
};

/**
 * Builds the policy that protects the inventory service, and narrates its events: each retry,
 * each state change, each refused call and each give-up.
 *
 * @param say where the story is told
 * @returns the composed policy and its breaker (for its state)
 * @example
 * const { policy } = protectInventory(new Narrator());
 * await policy.execute(() => inventory.stock('sku-42'));
 */
export function protectInventory(say: Narrator) {
  const retries = retry({ maxAttempts: 3, backoff: 'exponential', delay: '50ms', jitter: 'full' });
  const breaker = circuitBreaker({ name: 'inventory', consecutiveFailures: 3, openDuration: '1s' });

  retries.onRetry(({ attempt, delayMs, error }) =>
    say.event(`attempt ${attempt - 1} failed (${describe(error)}): retry ${attempt - 1} in ${Math.round(delayMs)} ms`),
  );
  retries.onGiveUp(({ attempts, reason }) =>
    say.event(
      reason === 'not-retryable'
        ? `retry stops after attempt ${attempts}: a refused call is never retried`
        : `retry gives up after ${attempts} attempts (${reason})`,
    ),
  );
  breaker.onStateChange(({ from, to, reason }) => say.event(`circuit ${from} -> ${to} (${reason}): ${MEANING[to] ?? to}`));
  breaker.onRejection(({ state, retryAfterMs }) =>
    say.event(`circuit ${state} refuses the call${retryAfterMs > 0 ? `; it admits a probe in ${Math.ceil(retryAfterMs)} ms` : ''}`),
  );

  return { policy: wrap(retries, breaker), breaker };
}

/**
 * @param error anything thrown
 * @returns its message, or the value as text
 */
export function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
