/** Message text for every Bulwark error, kept in one place so wording stays consistent. */
export const messages = {
  brokenCircuit: (name: string, state: string, retryAfterMs: number): string =>
    state === 'ISOLATED'
      ? `Circuit "${name}" is ISOLATED: calls are refused until someone calls reset() or disposes the isolation.`
      : `Circuit "${name}" is ${state}: the call was refused without reaching the dependency. ` +
        `Retry in ${Math.ceil(retryAfterMs)} ms, or serve a fallback.`,
  timeout: (ms: number): string =>
    `The operation did not settle within ${ms} ms and was aborted. Raise the timeout if the dependency is slow but healthy.`,
  invalidOption: (policy: string, option: string, value: unknown, expected: string): string =>
    `Invalid option ${policy}.${option}: ${formatValue(value)}. Expected ${expected}.`,
  notAnObject: (path: string, value: unknown): string =>
    `Invalid options for ${path}: ${formatValue(value)}. Expected an object of options, or nothing for the defaults.`,
  unknownOption: (policy: string, option: string, suggestion: string | undefined, known: readonly string[]): string =>
    `Unknown option ${policy}.${option}.` +
    (suggestion ? ` Did you mean "${suggestion}"?` : '') +
    ` Known options: ${known.join(', ')}.`,
  missingOption: (path: string, option: string, expected: string): string =>
    `Missing option ${path}.${option}. Expected ${expected}.`,
  cacheKeyCycle: (path: string): string =>
    `Cannot derive a cache key: the arguments refer back to themselves at ${path}. ` +
    'Pass a `key` function that returns the fields identifying the call.',
  cacheKeyUnsupported: (path: string, what: string): string =>
    `Cannot derive a cache key from ${what} at ${path}: it has no stable value to key on. ` +
    'Pass a `key` function that returns the fields identifying the call, or give the class a toJSON() method.',
  lockNotAcquired: (name: string, reason: string, waitedMs: number, attempts: number): string =>
    `Lock "${name}" was not acquired after ${attempts} attempt${attempts === 1 ? '' : 's'} in ${Math.round(waitedMs)} ms: ` +
    (LOCK_NOT_ACQUIRED_BECAUSE[reason] ?? reason),
  lockLost: (name: string, token: number, reason: string): string =>
    `Lock "${name}" (fencing token ${token}) was lost: ${LOCK_LOST_BECAUSE[reason] ?? reason} ` +
    'Stop the work; a resource that checks fencing tokens rejects this holder once a newer one has written.',
  lockReleaseFailed: (name: string, token: number, detail: string, ttlMs: number): string =>
    `Lock "${name}" (fencing token ${token}) could not be released: ${detail}. ` +
    `It expires on its own within its ttl (${ttlMs} ms); until then other holders wait. Check that the Redis nodes are reachable.`,
  leaderElectionOrder: (path: string, lease: number, renewDeadline: number, retryPeriod: number): string =>
    `Invalid leader election timing ${path}: lease (${lease} ms) > renewDeadline (${renewDeadline} ms) > retryPeriod (${retryPeriod} ms) must hold, ` +
    'so a leader steps down before its lease can end, after several renewal attempts. Adjust lease, renewDeadline or retryPeriod.',
  memoizeTarget: (member: string): string =>
    `@Memoize() cannot decorate ${member}: it applies to methods and getters (instance or static), not to fields or setters.`,
  notMemoized: (owner: string, member: string): string =>
    `clearMemo(): ${owner} has no @Memoize() method or getter named ${member}. Pass the name of a memoized member, or no name to clear them all.`,
  cacheBusNeedsLocalStore: (storeName: string): string =>
    `Invalid option cache.bus: it is only for a per-process store (a MemoryCacheStore, the default), and cache.store is a ${storeName}. ` +
    'A TieredCacheStore takes the bus itself: new TieredCacheStore(l1, l2, { bus }); a store shared by every instance needs none. Remove cache.bus.',
  noSynchronousStore: (cache: string, store: string): string =>
    `Cache "${cache}" cannot answer synchronously: its store (${store}) has no peek(). ` +
    'Use getOrSet (async), or a MemoryCacheStore or TieredCacheStore, which read their memory tier synchronously.',
} as const;

function formatValue(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'function') return 'a function';
  if (typeof value === 'number' || typeof value === 'bigint' || value === undefined) return typeof value === 'bigint' ? `${value}n` : String(value);
  try {
    // NaN and Infinity would print as null, functions would vanish: name them instead.
    return JSON.stringify(value, (_key, inner: unknown) =>
      typeof inner === 'function' ? '[function]' : typeof inner === 'number' && !Number.isFinite(inner) ? String(inner) : inner,
    );
  } catch {
    return String(value);
  }
}

const LOCK_NOT_ACQUIRED_BECAUSE: Record<string, string> = {
  held: 'another holder has it. Raise waitTimeout to wait for it, or skip this run.',
  unavailable:
    'too few lock nodes answered to form a majority. Check that a majority of the Redis nodes are reachable, or raise commandTimeout.',
  'too-slow': 'acquiring took so long that no validity was left. Raise ttl, or lower commandTimeout so a slow node is given up on sooner.',
};

const LOCK_LOST_BECAUSE: Record<string, string> = {
  'not-owner': 'a majority of the lock nodes no longer hold it for this holder (expired, deleted or taken over).',
  expired: 'its lease could not be extended in time, so exclusivity can no longer be proven.',
  'renew-deadline': 'leadership could not be renewed within renewDeadline, so this instance stepped down before its lease could end.',
  resigned: 'leadership was resigned because the elector was stopped.',
};
