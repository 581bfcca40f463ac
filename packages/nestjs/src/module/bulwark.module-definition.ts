import { ConfigurableModuleBuilder } from '@nestjs/common';
import type { BulwarkModuleOptions } from '../options/bulwark-module.options.js';

/**
 * Builds `forRoot` / `forRootAsync` with an `isGlobal` extra, as Nest's own modules do. Global by
 * default: the module is imported once, at the root, and its registries serve every module.
 */
export const {
  ConfigurableModuleClass: BulwarkConfigurableModule,
  MODULE_OPTIONS_TOKEN: BULWARK_MODULE_OPTIONS,
  OPTIONS_TYPE: BULWARK_OPTIONS_TYPE,
  ASYNC_OPTIONS_TYPE: BULWARK_ASYNC_OPTIONS_TYPE,
} = new ConfigurableModuleBuilder<BulwarkModuleOptions>({ moduleName: 'Bulwark' })
  .setClassMethodName('forRoot')
  .setExtras({ isGlobal: true }, (definition, extras) => ({ ...definition, global: extras.isGlobal }))
  .build();
