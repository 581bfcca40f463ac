import type { PipeTransform } from '@nestjs/common';

/**
 * Turns a request body into a typed, validated value with a parser function, so a controller
 * receives only valid input and bad input is a 400 naming the field.
 *
 * @example
 * @Post()
 * reserve(@Body(new BodyPipe(parseReservationRequest)) request: ReservationRequest) {}
 */
export class BodyPipe<T> implements PipeTransform<unknown, T> {
  /** @param parse validates the raw body and throws a `BadRequestException` naming the field at fault */
  constructor(private readonly parse: (body: unknown) => T) {}

  /**
   * @param body the raw request body
   * @returns the parsed value
   * @throws BadRequestException from the parser
   */
  transform(body: unknown): T {
    return this.parse(body);
  }
}
