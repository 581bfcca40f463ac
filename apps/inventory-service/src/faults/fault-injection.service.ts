import { Injectable, InternalServerErrorException, ServiceUnavailableException } from '@nestjs/common';
import { defer, mergeMap, timer, type Observable } from 'rxjs';
import { NO_FAULTS, type FaultSettings } from './fault.settings.js';

/**
 * Holds the faults injected at run time and applies them to request handlers: latency first,
 * then an outage (`503`) or a random error (`500`).
 */
@Injectable()
export class FaultInjectionService {
  private current: FaultSettings = NO_FAULTS;

  /** The faults in force. */
  get settings(): FaultSettings {
    return this.current;
  }

  /**
   * Changes some settings and keeps the others.
   *
   * @param changes the settings to change
   * @returns the faults now in force
   */
  update(changes: Partial<FaultSettings>): FaultSettings {
    this.current = { ...this.current, ...changes };
    return this.current;
  }

  /** @returns the faults now in force: none */
  clear(): FaultSettings {
    this.current = NO_FAULTS;
    return this.current;
  }

  /**
   * Wraps a request handler in the faults in force when it runs.
   *
   * @param handler the handler's result, subscribed to only if no fault answers first
   * @returns the handler's result, delayed or replaced by an error as the faults say
   */
  around<T>(handler: Observable<T>): Observable<T> {
    const faulted = defer(() => {
      this.throwIfFaulted();
      return handler;
    });
    const { latencyMs } = this.current;
    return latencyMs > 0 ? timer(latencyMs).pipe(mergeMap(() => faulted)) : faulted;
  }

  private throwIfFaulted(): void {
    const { outage, errorRate } = this.current;
    if (outage) throw new ServiceUnavailableException('Injected fault: the inventory is in an outage. DELETE /admin/faults ends it.');
    if (errorRate > 0 && Math.random() < errorRate) {
      throw new InternalServerErrorException(`Injected fault: a random error (errorRate ${errorRate}).`);
    }
  }
}
