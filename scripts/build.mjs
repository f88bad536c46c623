import { transformFile } from '@swc/core';
import { mkdirSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { paths, swcOptions } from './swc-options.mjs';

/**
 * `npm run build`: swc compiles apps, libs, benches, scripts and the e2e support the benches use into
 * dist/ (same tree), rewriting the @switchboard/* aliases to relative paths and adding the `.js`
 * extensions Node's ESM loader needs. In-process with @swc/core, not the CLI: the CLI's own start-up
 * took twice as long as compiling everything, and `npm start` pays for the build on every start.
 */
const ROOTS = ['apps', 'libs', 'bench', 'scripts', 'e2e/support'];
const TESTS = /\.(spec|int-spec|e2e-spec)\.ts$/;

const options = {
  ...swcOptions,
  swcrc: false,
  jsc: { ...swcOptions.jsc, baseUrl: process.cwd(), paths },
  module: { ...swcOptions.module, resolveFully: true },
};

const sources = ROOTS.flatMap((root) =>
  readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts'))
    .filter((entry) => !TESTS.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name)),
);

// --keep: overwrite in place (Jest's global setup), so a service another test run started from dist/
// never finds its files gone mid-run.
if (!process.argv.includes('--keep')) rmSync('dist', { recursive: true, force: true });

await Promise.all(
  sources.map(async (source) => {
    const target = join('dist', source.replace(/\.ts$/, '.js'));
    // The map names the source relative to itself, so stack traces point at the TypeScript file.
    const sourceFileName = relative(dirname(target), source);
    const { code, map } = await transformFile(source, { ...options, filename: source, sourceFileName });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, `${code}\n//# sourceMappingURL=${basename(target)}.map\n`);
    if (map) writeFileSync(`${target}.map`, map);
  }),
);
