// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

/** Imports that would tie the framework-free core to a framework or a driver. */
const forbiddenInCore = ['@nestjs/*', 'ioredis', 'rxjs', 'reflect-metadata'];

export default tseslint.config(
  { ignores: ['**/dist/**', '**/node_modules/**', '.nx/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['packages/core/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: forbiddenInCore,
              message: '@bulwark/core stays framework-free: only @bulwark/redis and @bulwark/nestjs may import drivers and frameworks (see DESIGN.md).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['packages/redis/src/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@nestjs/*', '@bulwark/nestjs'], message: '@bulwark/redis must not depend on the Nest layer (see DESIGN.md).' }] },
      ],
    },
  },
);
