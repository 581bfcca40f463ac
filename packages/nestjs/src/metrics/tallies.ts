/**
 * Running totals per policy name. Several policies may share a name (methods naming one retry
 * policy); a name's totals go away when the last policy using it is released, so evicted per-key
 * breakers do not leave series behind.
 *
 * @example
 * const calls = new Tallies(() => ({ success: 0 }));
 * calls.acquire('inventory').success++;
 */
export class Tallies<T> {
  private readonly byName = new Map<string, { readonly tally: T; users: number }>();

  /** @param create builds the zeroed totals of a new name */
  constructor(private readonly create: () => T) {}

  /**
   * @param name the policy's name, a label value
   * @returns the name's totals, created at zero for a new name
   */
  acquire(name: string): T {
    const existing = this.byName.get(name);
    if (existing) {
      existing.users++;
      return existing.tally;
    }
    const tally = this.create();
    this.byName.set(name, { tally, users: 1 });
    return tally;
  }

  /** @param name a name given to `acquire`; its totals are dropped with its last user */
  release(name: string): void {
    const entry = this.byName.get(name);
    if (entry && --entry.users === 0) this.byName.delete(name);
  }

  /** @param visit called with each name's totals */
  forEach(visit: (tally: T, name: string) => void): void {
    for (const [name, entry] of this.byName) visit(entry.tally, name);
  }
}
