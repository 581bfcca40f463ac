// `node --conditions=source --import ./register-typescript.mjs main.ts` runs TypeScript sources,
// with workspace packages resolved to their sources through the `source` export condition.
import { register } from 'node:module';

register('./typescript.hooks.mjs', import.meta.url);
