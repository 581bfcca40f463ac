import { describe, expect, it } from 'vitest';
import { ProbeSlots, REFUSED } from './probe.slots.js';

describe('ProbeSlots', () => {
  it('hands out at most limit slots, kept by successes and given back by neutral probes', () => {
    const slots = new ProbeSlots(2, 1_000);
    const a = slots.admit(0);
    const b = slots.admit(0);
    expect([a, b]).not.toContain(REFUSED);
    expect(slots.admit(0)).toBe(REFUSED);
    expect(slots.release(a)).toBe(true);
    expect(slots.succeed()).toBe(false); // a keeps its slot as a success
    expect(slots.admit(0)).toBe(REFUSED);
    expect(slots.release(b)).toBe(true); // b was neutral: its slot is free again
    const c = slots.admit(0);
    expect(c).not.toBe(REFUSED);
    expect(slots.release(c)).toBe(true);
    expect(slots.succeed()).toBe(true);
  });

  it('takes the slot from a probe that has not settled within timeoutMs', () => {
    const slots = new ProbeSlots(1, 1_000);
    const stuck = slots.admit(0);
    expect(slots.admit(999)).toBe(REFUSED);
    const next = slots.admit(1_000);
    expect(next).not.toBe(REFUSED);
    expect(slots.release(stuck)).toBe(false);
    expect(slots.release(next)).toBe(true);
  });
});
