import { Body, Controller, Post, UseInterceptors } from '@nestjs/common';
import { FaultInjectionInterceptor } from '../faults/fault-injection.interceptor.js';
import { BodyPipe } from '../http/body.pipe.js';
import { CatalogueService } from './catalogue.service.js';
import { parseReservationRequest } from './reservation.request.js';
import type { Reservation, ReservationRequest } from './stock.types.js';

/** `POST /reservations`: takes units out of stock, under the injected faults. */
@Controller('reservations')
@UseInterceptors(FaultInjectionInterceptor)
export class ReservationsController {
  constructor(private readonly catalogue: CatalogueService) {}

  /**
   * @param request `{ sku, quantity, reservationId? }`; repeating a `reservationId` returns the first answer
   * @returns the reservation with the units left (201)
   * @throws BadRequestException (400) naming the field at fault
   * @throws NotFoundException (404) for an unknown SKU
   * @throws ConflictException (409) when not enough units are in stock
   */
  @Post()
  reserve(@Body(new BodyPipe(parseReservationRequest)) request: ReservationRequest): Reservation {
    return this.catalogue.reserve(request);
  }
}
