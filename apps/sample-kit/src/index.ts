export * from './body-fields.js';
export * from './env.js';
export * from './json-request.js';
