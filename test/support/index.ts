export * from './redis-server.js';
export * from './redis-fixture.js';
