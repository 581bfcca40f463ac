import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import type { Reservation, ReservationRequest, StockLevel } from './stock.types.js';

/** The SKUs the sample starts with, and the level a restock tops each one up to. */
const PAR_LEVELS: ReadonlyMap<string, number> = new Map([
  ['SKU-1', 25],
  ['SKU-2', 8],
  ['SKU-3', 40],
  ['SKU-4', 0],
]);

/**
 * A small in-memory catalogue: stock levels per SKU and the reservations taken from them.
 * Reservations are idempotent by `reservationId`, so a client may retry one safely.
 */
@Injectable()
export class CatalogueService {
  private readonly levels = new Map(PAR_LEVELS);
  private readonly reservations = new Map<string, Reservation>();

  /** How many SKUs the catalogue holds. */
  get size(): number {
    return this.levels.size;
  }

  /**
   * @param sku the SKU to look up
   * @returns its stock level
   * @throws NotFoundException naming the SKU and the known ones
   */
  stock(sku: string): StockLevel {
    return { sku, level: this.levelOf(sku) };
  }

  /**
   * Takes units out of stock, once per `reservationId`: repeating a request returns the first
   * answer unchanged.
   *
   * @param request what to reserve
   * @returns the reservation and the units left
   * @throws NotFoundException for an unknown SKU
   * @throws ConflictException when fewer units are in stock than requested, or the id was used for another request
   */
  reserve(request: ReservationRequest): Reservation {
    const earlier = this.reservations.get(request.reservationId);
    if (earlier !== undefined) return this.replay(earlier, request);
    const level = this.levelOf(request.sku);
    if (level < request.quantity) {
      throw new ConflictException({
        statusCode: 409,
        error: 'Conflict',
        message: `Only ${level} of ${request.sku} in stock; ${request.quantity} requested.`,
        sku: request.sku,
        available: level,
      });
    }
    const reservation: Reservation = { ...request, remaining: level - request.quantity };
    this.levels.set(request.sku, reservation.remaining);
    this.reservations.set(request.reservationId, reservation);
    return reservation;
  }

  /**
   * Tops every SKU below its par level back up to it.
   *
   * @returns how many SKUs were topped up
   */
  restock(): number {
    let restocked = 0;
    for (const [sku, par] of PAR_LEVELS) {
      if ((this.levels.get(sku) ?? 0) >= par) continue;
      this.levels.set(sku, par);
      restocked++;
    }
    return restocked;
  }

  private levelOf(sku: string): number {
    const level = this.levels.get(sku);
    if (level === undefined) {
      throw new NotFoundException(`Unknown SKU "${sku}"; the catalogue holds ${[...this.levels.keys()].join(', ')}.`);
    }
    return level;
  }

  private replay(earlier: Reservation, request: ReservationRequest): Reservation {
    if (earlier.sku === request.sku && earlier.quantity === request.quantity) return earlier;
    throw new ConflictException(
      `Reservation "${request.reservationId}" was already made for ${earlier.quantity} of ${earlier.sku}; use a new reservationId.`,
    );
  }
}
