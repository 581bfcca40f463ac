/** @internal What an admission that is not a probe gets (a call in CLOSED or DISABLED). */
export const NO_SLOT = 0;
/** @internal What a refused admission gets: the circuit is open, or every probe slot is taken. */
export const REFUSED = -1;

/**
 * @internal The probe slots of one HALF_OPEN period. A slot is taken on admission and kept by a
 * probe that succeeds, so `limit` successes close the circuit; a neutral probe gives its slot back,
 * and a probe that has not settled within `timeoutMs` loses it (checked lazily, no timer).
 */
export class ProbeSlots {
  private readonly inFlight = new Map<number, number>();
  private succeeded = 0;
  private lastId = NO_SLOT;

  constructor(
    private readonly limit: number,
    private readonly timeoutMs: number,
  ) {}

  /** @returns the probe's id (at least 1), or `REFUSED` when every slot is taken */
  admit(now: number): number {
    this.expire(now);
    if (this.inFlight.size + this.succeeded >= this.limit) return REFUSED;
    const id = ++this.lastId;
    this.inFlight.set(id, now);
    return id;
  }

  /** @returns whether the probe still held its slot (false once it timed out) */
  release(id: number): boolean {
    return this.inFlight.delete(id);
  }

  /** Counts a released probe's success. @returns whether enough probes have succeeded to close */
  succeed(): boolean {
    return ++this.succeeded >= this.limit;
  }

  private expire(now: number): void {
    for (const [id, startedAt] of this.inFlight) {
      if (now - startedAt >= this.timeoutMs) this.inFlight.delete(id);
    }
  }
}
