// Prints "N passed, N failed" summed over Jest's --json outputs (test-results/jest*.json by default);
// exits 1 when a test failed or none ran.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = 'test-results';
const files =
  process.argv.length > 2
    ? process.argv.slice(2)
    : existsSync(dir)
      ? readdirSync(dir)
          .filter((f) => /^jest.*\.json$/.test(f))
          .map((f) => join(dir, f))
      : [];
if (files.length === 0 || files.some((f) => !existsSync(f))) {
  console.log('0 passed, 1 failed');
  console.error(`no Jest results (${files.join(', ') || dir}): the test run stopped before Jest finished`);
  process.exit(1);
}
let passed = 0;
let failed = 0;
for (const file of files) {
  const results = JSON.parse(readFileSync(file, 'utf8'));
  passed += results.numPassedTests;
  failed += results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
