import { readFileSync } from 'node:fs';

const tsconfig = JSON.parse(readFileSync(new URL('../tsconfig.base.json', import.meta.url), 'utf8'));

/** The lib aliases, read from tsconfig.base.json so the build, Jest and tsc never disagree. */
export const paths = tsconfig.compilerOptions.paths;

/**
 * One swc setting for the build (dist/) and Jest: legacy decorators with emitted metadata, which Nest's
 * constructor injection reads (tsx/esbuild cannot emit it).
 */
export const swcOptions = {
  sourceMaps: true,
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    target: 'es2023',
    keepClassNames: true,
    transform: { legacyDecorator: true, decoratorMetadata: true },
  },
  module: { type: 'es6' },
};
