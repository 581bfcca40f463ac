// A subpath of its own (`@bulwark/nestjs/metrics`), so prom-client stays an optional peer.
export * from './bulwark-metrics.options.js';
export { BULWARK_METRICS_OPTIONS } from './bulwark-metrics.module-definition.js';
export * from './bulwark-metrics.module.js';
export * from './bulwark.metrics.js';
