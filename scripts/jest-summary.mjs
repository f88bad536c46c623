// Prints "N passed, N failed" from Jest's --json output; exits 1 when a test failed or none ran.
import { existsSync, readFileSync } from 'node:fs';

const file = process.argv[2] ?? 'test-results/jest.json';
if (!existsSync(file)) {
  console.log('0 passed, 1 failed');
  console.error(`no Jest results at ${file}: the test run stopped before Jest finished`);
  process.exit(1);
}
const results = JSON.parse(readFileSync(file, 'utf8'));
const failed = results.numFailedTests + (results.numRuntimeErrorTestSuites ?? 0);
console.log(`${results.numPassedTests} passed, ${failed} failed`);
process.exit(failed > 0 || results.numPassedTests === 0 ? 1 : 0);
