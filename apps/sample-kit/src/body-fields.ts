import { BadRequestException } from '@nestjs/common';

/** The fields of a JSON request body. */
export type Fields = Readonly<Record<string, unknown>>;

/** The body of every 400 this service answers: the message names the field at fault. */
export interface BadRequestBody {
  readonly statusCode: 400;
  readonly error: 'Bad Request';
  readonly message: string;
  /** The field at fault, when there is one. */
  readonly field?: string;
}

/**
 * Creates the 400 for a bad field.
 *
 * @param message what is wrong, naming the field
 * @param field the field at fault
 * @returns the exception to throw
 * @example
 * throw badRequest('quantity must be an integer from 1 to 1000; got 0.', 'quantity');
 */
export function badRequest(message: string, field?: string): BadRequestException {
  const body: BadRequestBody = { statusCode: 400, error: 'Bad Request', message, ...(field === undefined ? {} : { field }) };
  return new BadRequestException(body);
}

/**
 * Checks that a body is a JSON object with no fields but the allowed ones.
 *
 * @param body the parsed request body
 * @param allowed the field names the route accepts
 * @param example a valid body, shown when the body is not an object
 * @returns the body's fields
 * @throws BadRequestException when the body is not an object or has an unknown field
 * @example
 * const fields = readFields(body, ['sku', 'quantity'], '{"sku":"SKU-1","quantity":2}');
 */
export function readFields(body: unknown, allowed: readonly string[], example: string): Fields {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw badRequest(`The body must be a JSON object such as ${example} (with Content-Type: application/json).`);
  }
  const unknown = Object.keys(body).find((name) => !allowed.includes(name));
  if (unknown !== undefined) throw badRequest(`Unknown field "${unknown}"; expected ${allowed.join(', ')}.`, unknown);
  return body as Fields;
}

/**
 * Reads a SKU or identifier: letters, digits, `.`, `_` and `-`, at most 64 characters.
 *
 * @param fields the body's fields
 * @param name the field
 * @returns the text, or `undefined` when the field is absent
 * @throws BadRequestException naming the field when it is not such a text
 * @example
 * identifierField({ sku: 'SKU-1' }, 'sku'); // 'SKU-1'
 */
export function identifierField(fields: Fields, name: string): string | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[A-Za-z0-9._-]{1,64}$/.test(value)) {
    throw badRequest(`${name} must be 1 to 64 letters, digits, '.', '_' or '-'; got ${JSON.stringify(value)}.`, name);
  }
  return value;
}

/**
 * Reads an integer within bounds.
 *
 * @param fields the body's fields
 * @param name the field
 * @param min the smallest value allowed
 * @param max the largest value allowed
 * @returns the integer, or `undefined` when the field is absent
 * @throws BadRequestException naming the field, the value and the range
 * @example
 * integerField({ quantity: 2 }, 'quantity', 1, 1_000); // 2
 */
export function integerField(fields: Fields, name: string, min: number, max: number): number | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw badRequest(`${name} must be an integer from ${min} to ${max}; got ${JSON.stringify(value)}.`, name);
  }
  return value;
}

/**
 * Reads a number from 0 to 1.
 *
 * @param fields the body's fields
 * @param name the field
 * @returns the number, or `undefined` when the field is absent
 * @throws BadRequestException naming the field and the value
 * @example
 * fractionField({ errorRate: 0.25 }, 'errorRate'); // 0.25
 */
export function fractionField(fields: Fields, name: string): number | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw badRequest(`${name} must be a number from 0 to 1; got ${JSON.stringify(value)}.`, name);
  }
  return value;
}

/**
 * Reads a boolean.
 *
 * @param fields the body's fields
 * @param name the field
 * @returns the boolean, or `undefined` when the field is absent
 * @throws BadRequestException naming the field and the value
 * @example
 * flagField({ outage: true }, 'outage'); // true
 */
export function flagField(fields: Fields, name: string): boolean | undefined {
  const value = fields[name];
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${name} must be true or false; got ${JSON.stringify(value)}.`, name);
  return value;
}

/**
 * Insists on a field the route cannot do without.
 *
 * @param value what a field reader returned
 * @param name the field
 * @returns the value
 * @throws BadRequestException naming the missing field
 * @example
 * const sku = required(identifierField(fields, 'sku'), 'sku');
 */
export function required<T>(value: T | undefined, name: string): T {
  if (value === undefined) throw badRequest(`${name} is required.`, name);
  return value;
}
