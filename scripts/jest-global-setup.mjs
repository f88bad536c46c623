import { execFileSync } from 'node:child_process';

/**
 * e2e tests and benches run the services as processes from dist/ (swc emits the decorator metadata
 * Nest needs, tsx does not), so every Jest run builds dist/ once before its first test file.
 */
export default function buildDist() {
  execFileSync(process.execPath, ['scripts/build.mjs', '--keep'], { stdio: 'inherit' });
}
