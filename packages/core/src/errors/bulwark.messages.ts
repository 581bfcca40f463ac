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
