export * from './body-fields.js';
export * from './env.js';
export * from './json-request.js';
export * from './free-loopback-port.js';
export * from './throwaway-redis.js';
