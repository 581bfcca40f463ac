import { Injectable, type CallHandler, type ExecutionContext, type NestInterceptor } from '@nestjs/common';
import type { Observable } from 'rxjs';
import { TrafficStatsService } from '../stats/traffic-stats.service.js';
import { FaultInjectionService } from './fault-injection.service.js';

/** The parts of an Express request the interceptor reads. */
interface RoutedRequest {
  readonly method: string;
  readonly path: string;
  readonly route?: { readonly path: string };
}

/**
 * Counts every request that reaches a business route, then lets the injected faults decide how
 * it is answered. Counting comes first, so the stats show every call that reached the service,
 * failed ones included.
 *
 * @example
 * @Controller('stock')
 * @UseInterceptors(FaultInjectionInterceptor)
 * export class StockController {}
 */
@Injectable()
export class FaultInjectionInterceptor implements NestInterceptor {
  constructor(
    private readonly traffic: TrafficStatsService,
    private readonly faults: FaultInjectionService,
  ) {}

  /**
   * @param context the request's context
   * @param next the route handler
   * @returns the handler's result under the faults in force
   */
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<RoutedRequest>();
    this.traffic.record(`${request.method} ${request.route?.path ?? request.path}`);
    return this.faults.around(next.handle());
  }
}
