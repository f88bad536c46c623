import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { paths, swcOptions } from './swc-options.mjs';

/**
 * `npm run build`: swc compiles apps, libs, benches, scripts and the e2e support the benches use into dist/ (same tree), rewriting the
 * @switchboard/* aliases to relative paths and adding the `.js` extensions Node's ESM loader needs.
 */
const config = {
  ...swcOptions,
  jsc: { ...swcOptions.jsc, baseUrl: process.cwd(), paths },
  module: { ...swcOptions.module, resolveFully: true },
};
const configFile = 'node_modules/.cache/switchboard/swcrc.json';
mkdirSync('node_modules/.cache/switchboard', { recursive: true });
writeFileSync(configFile, JSON.stringify(config));
// --keep: overwrite in place (Jest's global setup), so a service another test run started from dist/
// never finds its files gone mid-run.
if (!process.argv.includes('--keep')) rmSync('dist', { recursive: true, force: true });
execFileSync(
  'npx',
  [
    'swc',
    'apps',
    'libs',
    'bench',
    'scripts',
    'e2e/support',
    '-d',
    'dist',
    '--config-file',
    configFile,
    '--quiet',
    '--ignore',
    '**/*.spec.ts,**/*.int-spec.ts,**/*.e2e-spec.ts',
  ],
  { stdio: 'inherit' },
);
