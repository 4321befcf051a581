// `npm test`: lint (ESLint, Prettier, type check), unit tests, production build, browser tests against the built site.
// Ends with the line "N passed, N failed" (tests of both kinds, plus each lint step and the build as one each).
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { runBin } from './bin.mjs';

mkdirSync('.cache', { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

/**
 * Runs a package's bin with this Node (no shell, no PATH lookup).
 * @param {string} label
 * @param {string} pkg
 * @param {string[]} args
 */
function run(label, pkg, args) {
  console.log(`\n▶ ${label}: ${pkg} ${args.join(' ')}`);
  const r = runBin(pkg, args, { stdio: 'inherit', env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return r.status === 0;
}

/**
 * @param {string} label
 * @param {string} pkg
 * @param {string[]} args
 */
function step(label, pkg, args) {
  const ok = run(label, pkg, args);
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
  return ok;
}

/** @param {'unit' | 'e2e'} project */
function vitest(project) {
  const out = `.cache/vitest-${project}.json`;
  rmSync(out, { force: true });
  const ok = run(`${project} tests`, 'vitest', [
    'run',
    '--project',
    project,
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${out}`,
  ]);
  if (!existsSync(out)) {
    failed++;
    failures.push(`${project} tests (no report)`);
    return;
  }
  /** @type {{ numPassedTests: number, numFailedTests: number, testResults: { status: string, assertionResults: unknown[] }[] }} */
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load reports no failed tests; count it so it can't pass silently.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  failed += brokenSuites.length;
  if (!ok) failures.push(`${project} tests`);
}

// The same three steps as `npm run lint`, counted one by one so a failure names its tool.
step('ESLint', 'eslint', ['.']);
step('Prettier', 'prettier', ['--check', '.']);
step('type check', 'astro', ['check', '--minimumSeverity', 'warning']);
vitest('unit');
if (step('build', 'astro', ['build'])) vitest('e2e');
else {
  failed++;
  failures.push('e2e tests (skipped: build failed)');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
