import type { MetricSpec } from './prom.metrics.js';

/** `<prefix>circuit_breaker_calls_total{breaker,outcome}`; refused calls count as `outcome="rejected"`. */
export const BREAKER_CALLS: MetricSpec<'breaker' | 'outcome'> = {
  name: 'circuit_breaker_calls_total',
  help: 'Calls through each circuit breaker, by outcome: success, failure, or rejected (refused without calling).',
  labelNames: ['breaker', 'outcome'],
};

/** `<prefix>circuit_breaker_state{breaker,state}`: 1 for the current state, 0 for the others. */
export const BREAKER_STATE: MetricSpec<'breaker' | 'state'> = {
  name: 'circuit_breaker_state',
  help: 'The state of each circuit breaker: 1 for the state it is in, 0 for the others.',
  labelNames: ['breaker', 'state'],
};

/** `<prefix>retries_total{policy}`: attempts after the first. */
export const RETRIES: MetricSpec<'policy'> = {
  name: 'retries_total',
  help: 'Retries scheduled by each retry policy (attempts after the first).',
  labelNames: ['policy'],
};

/** `<prefix>retry_give_ups_total{policy,reason}`. */
export const RETRY_GIVE_UPS: MetricSpec<'policy' | 'reason'> = {
  name: 'retry_give_ups_total',
  help: 'Calls each retry policy gave up on, by reason: attempts, elapsed, budget, not-retryable or aborted.',
  labelNames: ['policy', 'reason'],
};

/** `<prefix>timeouts_total{policy}`. */
export const TIMEOUTS: MetricSpec<'policy'> = {
  name: 'timeouts_total',
  help: 'Operations each timeout policy gave up on.',
  labelNames: ['policy'],
};

/** `<prefix>cache_requests_total{cache,result}`: `hit`, `miss`, or `stale` (served within grace). */
export const CACHE_REQUESTS: MetricSpec<'cache' | 'result'> = {
  name: 'cache_requests_total',
  help: 'Reads through each cache, by result: hit, miss, or stale (an expired value served within grace).',
  labelNames: ['cache', 'result'],
};

/** `<prefix>cache_factory_calls_total{cache,outcome}`: how often the cached method actually ran. */
export const CACHE_FACTORY_CALLS: MetricSpec<'cache' | 'outcome'> = {
  name: 'cache_factory_calls_total',
  help: 'Calls of the cached method (the factory) for each cache, by outcome: success or error.',
  labelNames: ['cache', 'outcome'],
};

/** `<prefix>cache_tier_hits_total{tier}`: with Redis, which tier answered (`l1` memory, `l2` Redis). */
export const CACHE_TIER_HITS: MetricSpec<'tier'> = {
  name: 'cache_tier_hits_total',
  help: 'With the Redis tier: entries found, by tier: l1 (this process) or l2 (Redis).',
  labelNames: ['tier'],
};

/** `<prefix>cache_evictions_total{reason}`: memory-tier entries pushed out (`capacity`) or expired. */
export const CACHE_EVICTIONS: MetricSpec<'reason'> = {
  name: 'cache_evictions_total',
  help: 'Entries the memory tier dropped, by reason: capacity (maxEntries or maxBytes) or expired.',
  labelNames: ['reason'],
};

/** `<prefix>lock_acquisitions_total{lock}`: leases taken by this instance, election leases included (`leader:<election>`). */
export const LOCK_ACQUISITIONS: MetricSpec<'lock'> = {
  name: 'lock_acquisitions_total',
  help: 'Leases this instance took, per lock name; an election\'s lease is named leader:<election>.',
  labelNames: ['lock'],
};

/** `<prefix>singleton_refusals_total{name,mode,reason}`: `@Singleton` calls that did not run. */
export const SINGLETON_REFUSALS: MetricSpec<'name' | 'mode' | 'reason'> = {
  name: 'singleton_refusals_total',
  help: '@Singleton calls that did not run, by lock or election name, mode and reason: held (contention, or another instance leads), unavailable (no majority of lock nodes, or no leader known) or too-slow.',
  labelNames: ['name', 'mode', 'reason'],
};

/** `<prefix>lock_losses_total{lock,reason}`. */
export const LOCK_LOSSES: MetricSpec<'lock' | 'reason'> = {
  name: 'lock_losses_total',
  help: 'Leases lost before release, by lock name and reason: expired or not-owner.',
  labelNames: ['lock', 'reason'],
};

/** `<prefix>lock_release_failures_total{lock}`. */
export const LOCK_RELEASE_FAILURES: MetricSpec<'lock'> = {
  name: 'lock_release_failures_total',
  help: 'Releases too few lock nodes confirmed; the lease then ends on its own within its ttl.',
  labelNames: ['lock'],
};

/** `<prefix>leader{election}`: 1 while this instance leads the election, else 0. */
export const LEADER: MetricSpec<'election'> = {
  name: 'leader',
  help: 'Whether this instance leads each election it campaigns in: 1 or 0.',
  labelNames: ['election'],
};

/** `<prefix>leader_term_changes_total{election,change}`. */
export const LEADER_TERM_CHANGES: MetricSpec<'election' | 'change'> = {
  name: 'leader_term_changes_total',
  help: 'Terms this instance began (change="elected") or ended, by why: resigned, renew-deadline, not-owner or expired.',
  labelNames: ['election', 'change'],
};

/** `<prefix>leader_failover_seconds{election}`: a histogram, observed on the instance that takes over. */
export const LEADER_FAILOVER: MetricSpec<'election'> = {
  name: 'leader_failover_seconds',
  help: 'On the instance elected after another leader: seconds since it last saw that leader hold the election lease.',
  labelNames: ['election'],
};

/** Every metric Bulwark registers. */
export const ALL_METRICS: readonly MetricSpec<string>[] = [
  BREAKER_CALLS,
  BREAKER_STATE,
  RETRIES,
  RETRY_GIVE_UPS,
  TIMEOUTS,
  CACHE_REQUESTS,
  CACHE_FACTORY_CALLS,
  CACHE_TIER_HITS,
  CACHE_EVICTIONS,
  LOCK_ACQUISITIONS,
  SINGLETON_REFUSALS,
  LOCK_LOSSES,
  LOCK_RELEASE_FAILURES,
  LEADER,
  LEADER_TERM_CHANGES,
  LEADER_FAILOVER,
];
