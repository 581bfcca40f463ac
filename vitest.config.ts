import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

const fromRoot = (path: string): string => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests run against package sources, so `npm test` needs no build step.
    alias: [
      { find: /^@bulwark\/(core|redis|nestjs)$/, replacement: fromRoot('./packages/$1/src/index.ts') },
      // Optional-peer subpaths of @bulwark/nestjs; the anchored pattern above leaves them alone.
      { find: /^@bulwark\/nestjs\/(health|metrics)$/, replacement: fromRoot('./packages/nestjs/src/$1/index.ts') },
      { find: /^@bulwark\/test\/support$/, replacement: fromRoot('./test/support/index.ts') },
      { find: /^sample-kit$/, replacement: fromRoot('./apps/sample-kit/src/index.ts') },
    ],
  },
  test: {
    include: ['packages/*/src/**/*.spec.ts', 'packages/*/test/**/*.spec.ts', 'apps/*/src/**/*.spec.ts', 'apps/*/test/**/*.spec.ts', 'test/**/*.spec.ts', 'bench/test/**/*.spec.ts'],
    typecheck: { enabled: true, include: ['packages/*/src/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
