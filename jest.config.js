import { paths, swcOptions } from './scripts/swc-options.mjs';

const moduleNameMapper = Object.fromEntries(
  Object.entries(paths).map(([alias, [target]]) => [`^${alias}$`, `<rootDir>/${target.replace(/^\.\//, '')}`]),
);

const swc = ['@swc/jest', { ...swcOptions, sourceMaps: 'inline' }];

/** Jest runs our TypeScript as native ES modules (node --experimental-vm-modules), transformed by swc. */
export default {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': swc },
  moduleNameMapper,
  testMatch: ['<rootDir>/{apps,libs,e2e}/**/*.{spec,int-spec,e2e-spec}.ts'],
  globalSetup: '<rootDir>/scripts/jest-global-setup.mjs',
  testTimeout: 60_000,
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
};
