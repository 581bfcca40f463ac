import { isBrokenCircuitError, isTimeoutError } from '@bulwark/core';
import { Catch, HttpStatus, Logger, type ArgumentsHost, type HttpServer } from '@nestjs/common';
import { BaseExceptionFilter } from '@nestjs/core';
import { httpMessages } from './http.messages.js';

/** The body of a 503 answered for a refused call. */
export interface BrokenCircuitResponseBody {
  readonly statusCode: 503;
  readonly error: 'Service Unavailable';
  readonly message: string;
  /** The name of the breaker that refused the call. */
  readonly circuit: string;
}

/** The body of a 504 answered for a timeout. */
export interface TimeoutResponseBody {
  readonly statusCode: 504;
  readonly error: 'Gateway Timeout';
  readonly message: string;
}

// Returned to Nest's exception handler, which then answers the exception itself.
const UNANSWERED = new Error('left to Nest');

/**
 * Answers HTTP requests whose handler failed with a Bulwark error: a refused call
 * (`BrokenCircuitError`) becomes `503 Service Unavailable` with a `Retry-After` header in whole
 * seconds (at least 1), a `TimeoutError` becomes `504 Gateway Timeout`. Every other exception gets
 * Nest's default handling. Errors are recognised by their brand, so they are also caught when
 * thrown by another installed copy of Bulwark. Works on any HTTP platform (Express, Fastify);
 * in other contexts (RPC, WebSockets, GraphQL) it hands the exception back unchanged.
 *
 * Opt-in. As a provider (`APP_FILTER`) or with `@UseFilters(BulwarkHttpExceptionFilter)` Nest
 * injects the HTTP adapter; constructed by hand, it needs the adapter passed in.
 *
 * @example
 * const app = await NestFactory.create(AppModule);
 * app.useGlobalFilters(new BulwarkHttpExceptionFilter(app.get(HttpAdapterHost).httpAdapter));
 */
@Catch()
export class BulwarkHttpExceptionFilter extends BaseExceptionFilter {
  private warned = false;

  /**
   * @param exception what the handler threw
   * @param host the request's context
   * @returns nothing when answered; the exception, for Nest to handle, outside HTTP or without an adapter
   */
  override catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() !== 'http') return exception;
    const adapter = this.applicationRef ?? this.httpAdapterHost?.httpAdapter;
    if (adapter === undefined) return this.leaveToNest();
    if (isBrokenCircuitError(exception)) {
      const seconds = Math.max(1, Math.ceil(exception.retryAfterMs / 1_000));
      const body: BrokenCircuitResponseBody = {
        statusCode: HttpStatus.SERVICE_UNAVAILABLE,
        error: 'Service Unavailable',
        message: exception.message,
        circuit: exception.circuitName,
      };
      return answer(adapter, host, body, seconds);
    }
    if (isTimeoutError(exception)) {
      const body: TimeoutResponseBody = { statusCode: HttpStatus.GATEWAY_TIMEOUT, error: 'Gateway Timeout', message: exception.message };
      return answer(adapter, host, body);
    }
    return super.catch(exception, host);
  }

  private leaveToNest(): Error {
    if (!this.warned) {
      this.warned = true;
      new Logger('Bulwark').warn(httpMessages.noAdapter());
    }
    return UNANSWERED;
  }
}

function answer(adapter: HttpServer, host: ArgumentsHost, body: { statusCode: number }, retryAfterSeconds?: number): void {
  const response: unknown = host.switchToHttp().getResponse();
  if (adapter.isHeadersSent(response)) {
    adapter.end(response);
    return;
  }
  if (retryAfterSeconds !== undefined) adapter.setHeader(response, 'Retry-After', String(retryAfterSeconds));
  adapter.reply(response, body, body.statusCode);
}
