import type { CircuitStateChangeEvent } from '@bulwark/core';

/** Message text of the policy events logger, kept in one place. */
export const loggingMessages = {
  stateChange: ({ name, from, to, reason }: CircuitStateChangeEvent): string =>
    `Circuit breaker "${name}" ${from} -> ${to}` + (reason ? `: ${reason}` : ''),
} as const;
