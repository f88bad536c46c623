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
  // Test files run in a worker process that is replaced once it holds more than this after a file.
  // In band (jest's choice with one worker on 2 cores) the suite's leaks piled up in one heap, and
  // the run died of heap exhaustion about 900 s in.
  workerIdleMemoryLimit: '1536MB',
  testPathIgnorePatterns: ['/node_modules/', '/data/'],
};
