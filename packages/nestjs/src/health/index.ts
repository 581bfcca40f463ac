// A subpath of its own (`@bulwark/nestjs/health`), so @nestjs/terminus stays an optional peer.
export * from './bulwark-health.indicator.js';
export * from './bulwark-lock-health.indicator.js';
