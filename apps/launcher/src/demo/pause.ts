/**
 * Waits without blocking, for the time the scenario lets pass (cache ttl, open duration).
 *
 * @param ms how long
 * @returns after `ms`
 */
export function pause(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
}
