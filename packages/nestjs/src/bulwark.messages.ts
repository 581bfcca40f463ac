/** Message text of the Nest layer, kept in one place. */
export const messages = {
  unknownBreaker: (name: string, known: readonly string[]): string =>
    `There is no circuit breaker named "${name}" in this application. ` +
    (known.length ? `Known breakers: ${known.join(', ')}.` : 'No breaker has been created yet.'),
  unprotected: (label: string): string =>
    `${label} ran without its Bulwark policies because nothing wired them: import BulwarkModule.forRoot() ` +
    '(or forRootAsync()) in the root module. If it is imported, the call came before the application finished ' +
    'initialising, or on an instance Nest did not create. Logged once; other methods may be affected too.',
  notAnInstanceMethod: (decorator: string, label: string): string =>
    `${decorator} can only decorate instance methods, and ${label} is not one. Move it to a method of a provider or controller.`,
  unknownPolicyName: (section: string, name: string, known: readonly string[], site: { method: string; decorator: string }): string =>
    `${site.method} ${site.decorator} names "${name}", which is not in the ${section} config. ` +
    (known.length ? `Configured: ${known.join(', ')}. ` : `Nothing is configured under ${section}. `) +
    `Add ${section}.${name} to BulwarkModule.forRoot() options, or fix the name.`,
  conflictingBreakerOptions: (name: string, first: { method: string }, second: { method: string; decorator: string }): string =>
    `${second.method} ${second.decorator} gives circuit breaker "${name}" inline options that differ from those ` +
    `${first.method} gives it, but every method naming "${name}" shares one breaker. ` +
    `Move the options to circuitBreakers.${name} in BulwarkModule.forRoot(), or give the methods identical options.`,
  timeoutWithoutDuration: (site: { method: string; decorator: string }): string =>
    `${site.method} ${site.decorator} has no duration, and BulwarkModule has no defaults.timeout. ` +
    `Write @Timeout('5s'), name a configured timeout, or set defaults.timeout.`,
  decoratorFix: 'Change the decorator, or the policy it names in BulwarkModule.forRoot() options.',
  timeoutOnSyncMethod: (label: string): string =>
    `${label} returns a plain value, and @Timeout cannot interrupt synchronous code. ` +
    'Make the method async (or return an Observable), or remove @Timeout.',
  decoratedTwice: (label: string, kind: string): string =>
    `${label} has two @${kind[0].toUpperCase()}${kind.slice(1)} decorators; a method takes each at most once. Remove one.`,
  invalidFallback: (label: string, fallback: unknown): string =>
    `${label} @CircuitBreaker option fallback is ${typeof fallback}; expected the name of a method on the same class, or a function.`,
  missingFallbackMethod: (label: string, fallback: string, className: string): string =>
    `${label} @CircuitBreaker names fallback "${fallback}", but ${className} has no method "${fallback}". ` +
    'Add the method (it receives the same arguments followed by the error), or fix the name.',
  bootstrapFailed: (problems: readonly string[]): string =>
    `Bulwark found ${problems.length} problems in decorated methods:\n- ${problems.join('\n- ')}`,
  notWired: (label: string, reason: string): string =>
    `${label} cannot be protected by Bulwark: ${reason}. Its calls run without policies.`,
  cacheableWithPut: (label: string): string =>
    `${label} has both @Cacheable and @CachePut: one skips the method on a hit, the other always runs it. Keep one.`,
  cacheNeedsAsync: (label: string, returns: string): string =>
    returns === 'sync'
      ? `${label} returns a plain value, and @CachePut and @CacheEvict write to every tier, which takes time. ` +
        'Make the method async (or return an Observable).'
      : `${label} declares no return type, so Bulwark cannot tell how to return a cached value. ` +
        'Declare it: `: Promise<T>` or `: Observable<T>` (or make the method async).',
  evictTargets: (label: string): string =>
    `${label} @CacheEvict gives more than one of key, tags and allEntries. Give one: the entry, the tagged entries, or all of them.`,
  singletonFix: "Change the @Singleton options, or the lock options in BulwarkModule.forRoot().",
  singletonMissingMode: (label: string): string =>
    `${label} @Singleton has no mode. Write @Singleton({ mode: 'lock' }) to take a lock per call, ` +
    "or @Singleton({ mode: 'leader' }) to run the method only on the elected leader.",
  singletonLockOnly: (label: string, option: string): string =>
    `${label} @Singleton({ mode: 'leader' }) gives ${option}, which only applies to mode 'lock': a leader-only method ` +
    `runs while this instance leads, with no lock per call. Remove ${option}, or use mode 'lock'.`,
  singletonHoldOrder: (label: string, atLeastMs: number, atMostMs: number): string =>
    `${label} @Singleton gives lockAtLeastFor (${atLeastMs} ms) longer than lockAtMostFor (${atMostMs} ms): the lease ends ` +
    'before the lock may be released. Make lockAtLeastFor at most lockAtMostFor.',
  singletonLeaseTooShort: (label: string, atMostMs: number, commandTimeoutMs: number): string =>
    `${label} @Singleton gives lockAtMostFor ${atMostMs} ms, but taking a Redis lock needs two rounds of node replies ` +
    `(lock.commandTimeout is ${commandTimeoutMs} ms). Make lockAtMostFor longer than ${2 * commandTimeoutMs} ms, or lower lock.commandTimeout.`,
  singletonLockNeedsAsync: (label: string, returns: string): string =>
    returns === 'sync'
      ? `${label} returns a plain value, and @Singleton({ mode: 'lock' }) must wait for the lock's nodes to answer. ` +
        "Make the method async (or return an Observable), or use mode 'leader', which checks leadership synchronously."
      : `${label} declares no return type, so @Singleton({ mode: 'lock' }) cannot tell how to hold the lock while it runs. ` +
        'Declare it: `: Promise<T>` or `: Observable<T>` (or make the method async).',
} as const;
