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
    '  # a stock level, through the stock cache (fresh 5 s), retry, circuit breaker and timeout',
    `  curl -s ${o}/stock/SKU-1`,
    '  # an order: checks the stock, prices it and reserves it in the inventory',
    `  curl -s -X POST ${o}/orders ${JSON_POST} -d '{"sku":"SKU-1","quantity":2}'`,
    '  # a product through the catalog cache; a price change evicts it (on every replica sharing Redis)',
    `  curl -s ${o}/products/SKU-1`,
    `  curl -s -X PUT ${o}/products/SKU-1/price ${JSON_POST} -d '{"priceCents":7900}'`,
    '  # a quote: volume discount and shipping, computed once per price and quantity (@Memoize)',
    `  curl -s '${o}/products/SKU-1/quote?quantity=12'`,
    '  # break the inventory; once the cached level is 5 s old, look it up twice: the circuit opens, the cached level is served, stale',
    `  curl -s -X POST ${i}/admin/faults ${JSON_POST} -d '{"outage":true}'`,
    `  curl -s ${o}/stock/SKU-1`,
    '  # while the circuit is open, orders are refused at once: 503 with Retry-After',
    `  curl -si -X POST ${o}/orders ${JSON_POST} -d '{"sku":"SKU-1","quantity":1}'`,
    '  # breakers, cache tier and leader; Prometheus metrics; how many calls reached the inventory',
    `  curl -s ${o}/health`,
    `  curl -s ${o}/metrics | grep bulwark_circuit_breaker`,
    `  curl -s ${i}/admin/stats`,
    '  # mend the inventory: 15 s after the circuit opened, the next lookup probes it and closes it',
    `  curl -s -X DELETE ${i}/admin/faults`,
    '  # the end-of-day report, run by the leader replica on REPORT_CRON (404 until it has run)',
    `  curl -s ${o}/reports/latest`,
    '',
  ].join('\n');
}
