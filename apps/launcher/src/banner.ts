/** A running service, as the banner shows it. */
export interface RunningService {
  readonly name: string;
  readonly url: string;
  readonly pid: number | undefined;
}

const JSON_POST = `-H 'content-type: application/json'`;

/**
 * The text printed once the sample system is up: where each service is, and what to try.
 *
 * @param inventory the running inventory service
 * @param orders the running order service
 * @returns the banner, several lines
 * @example
 * console.log(banner(inventory, orders));
 */
export function banner(inventory: RunningService, orders: RunningService): string {
  const row = (service: RunningService): string => `  ${service.name.padEnd(18)} ${service.url.padEnd(24)} (pid ${service.pid})`;
  const o = orders.url;
  const i = inventory.url;
  return [
    '',
    'The sample system is up (Ctrl-C stops both services):',
    row(inventory),
    row(orders),
    '',
    'Try:',
    '  # a stock level, through retry, circuit breaker and timeout',
    `  curl -s ${o}/stock/SKU-1`,
    '  # an order: checks the stock and reserves it in the inventory',
    `  curl -s -X POST ${o}/orders ${JSON_POST} -d '{"sku":"SKU-1","quantity":2}'`,
    '  # break the inventory, then look up the stock twice: the circuit opens, the last known level is served',
    `  curl -s -X POST ${i}/admin/faults ${JSON_POST} -d '{"outage":true}'`,
    `  curl -s ${o}/stock/SKU-1`,
    '  # while the circuit is open, orders are refused at once: 503 with Retry-After',
    `  curl -si -X POST ${o}/orders ${JSON_POST} -d '{"sku":"SKU-1","quantity":1}'`,
    '  # breaker states, Prometheus metrics, and how many calls reached the inventory',
    `  curl -s ${o}/health`,
    `  curl -s ${o}/metrics | grep bulwark_circuit_breaker`,
    `  curl -s ${i}/admin/stats`,
    '  # mend the inventory: 15 s after the circuit opened, the next lookup probes it and closes it',
    `  curl -s -X DELETE ${i}/admin/faults`,
    '',
  ].join('\n');
}
