import { flagField, fractionField, integerField, readFields, badRequest } from 'sample-kit';

/** The faults injected into every stock and reservation request. */
export interface FaultSettings {
  /** The share of requests answered `500`, from 0 to 1. */
  readonly errorRate: number;
  /** Milliseconds every request waits before it is handled (or failed). */
  readonly latencyMs: number;
  /** When true, every request is answered `503`, as if the inventory were down. */
  readonly outage: boolean;
}

/** A healthy inventory. */
export const NO_FAULTS: FaultSettings = { errorRate: 0, latencyMs: 0, outage: false };

/** The longest injectable latency: one minute. */
export const MAX_LATENCY_MS = 60_000;

const FIELDS = ['errorRate', 'latencyMs', 'outage'] as const;

/**
 * Validates the body of `POST /admin/faults`: any of the three settings, at least one.
 *
 * @param body `{ errorRate?: 0..1, latencyMs?: 0..60000, outage?: boolean }`
 * @returns the settings to change
 * @throws BadRequestException naming the field at fault, or saying that none was given
 * @example
 * parseFaultChanges({ outage: true }); // { outage: true }
 */
export function parseFaultChanges(body: unknown): Partial<FaultSettings> {
  const fields = readFields(body, FIELDS, '{"outage":true}');
  const changes: { -readonly [K in keyof FaultSettings]?: FaultSettings[K] } = {};
  const errorRate = fractionField(fields, 'errorRate');
  const latencyMs = integerField(fields, 'latencyMs', 0, MAX_LATENCY_MS);
  const outage = flagField(fields, 'outage');
  if (errorRate !== undefined) changes.errorRate = errorRate;
  if (latencyMs !== undefined) changes.latencyMs = latencyMs;
  if (outage !== undefined) changes.outage = outage;
  if (Object.keys(changes).length === 0) throw badRequest(`Give at least one of ${FIELDS.join(', ')}.`);
  return changes;
}
