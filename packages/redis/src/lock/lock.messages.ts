/** Message text of the Redis lock and elector, kept in one place so wording stays consistent. */
export const lockMessages = {
  invalidTtl: (option: string, value: unknown, expected: string): string => `Invalid option ${option}: ${String(value)}. Expected ${expected}.`,
  noClients: (path: string): string =>
    `Invalid ${path}: no Redis clients. Pass one ioredis client per independent Redis master, ` +
    'e.g. new RedisLock([nodeA, nodeB, nodeC]); an odd number (3 or 5) tolerates the most failures.',
  notAClient: (path: string, index: number): string =>
    `Invalid ${path}[${index}]: not an ioredis client (it has no evalsha method). Pass standalone ioredis clients, one per Redis master.`,
  releaseUnconfirmed: (confirmed: number, size: number, quorum: number): string =>
    `only ${confirmed} of ${size} nodes confirmed, and a majority of ${quorum} is needed`,
  commandTimeoutTooLong: (path: string, commandTimeoutMs: number, retryPeriodMs: number): string =>
    `Invalid option ${path}.retryPeriod: ${retryPeriodMs} ms. Expected more than the lock's commandTimeout (${commandTimeoutMs} ms), ` +
    'so each renewal attempt ends before the next starts: raise retryPeriod, or lower commandTimeout in the RedisLock options.',
  invalidToken: (token: unknown): string =>
    `Invalid fencing token for fencedSet: ${String(token)}. Expected a non-negative integer, such as the token of a LockHandle.`,
  invalidFencedTtl: (ttl: unknown, expected: string): string => `Invalid option fencedSet.ttl: ${String(ttl)}. Expected ${expected}.`,
  missingElectionName: (path: string): string =>
    `Missing option ${path}.name. Expected a non-empty string naming the election, e.g. 'scheduler': instances with the same name elect one leader.`,
} as const;
