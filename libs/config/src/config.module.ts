import { Global, Module, type DynamicModule } from '@nestjs/common';
import type { Config } from './config';

/** The validated configuration (an interface, so injected by token). */
export const CONFIG = Symbol('CONFIG');

/** Provides the configuration the process validated at start-up to every module. */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config: Config): DynamicModule {
    return { module: ConfigModule, providers: [{ provide: CONFIG, useValue: config }], exports: [CONFIG] };
  }
}
