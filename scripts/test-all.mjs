// `npm test`: type check, unit tests, production build, browser tests against the built site.
// Ends with the line "N passed, N failed" (tests of both kinds, plus the type check and build as one each).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

mkdirSync('.cache', { recursive: true });
let passed = 0;
let failed = 0;
const failures = [];

function run(label, cmd) {
  console.log(`\n▶ ${label}: ${cmd}`);
  const r = spawnSync(cmd, { stdio: 'inherit', shell: true, env: { ...process.env, FORCE_COLOR: process.env.CI ? '0' : '1' } });
  return r.status === 0;
}

function step(label, cmd) {
  const ok = run(label, cmd);
  if (ok) passed++;
  else {
    failed++;
    failures.push(label);
  }
  return ok;
}

function vitest(project) {
  const out = `.cache/vitest-${project}.json`;
  rmSync(out, { force: true });
  const ok = run(`${project} tests`, `vitest run --project ${project} --reporter=default --reporter=json --outputFile.json=${out}`);
  if (!existsSync(out)) {
    failed++;
    failures.push(`${project} tests (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(out, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  // A suite that fails to load reports no failed tests; count it so it can't pass silently.
  const brokenSuites = report.testResults.filter((s) => s.status === 'failed' && s.assertionResults.length === 0);
  failed += brokenSuites.length;
  if (!ok) failures.push(`${project} tests`);
}

step('type check', 'astro check --minimumSeverity warning');
vitest('unit');
if (step('build', 'astro build')) vitest('e2e');
else {
  failed++;
  failures.push('e2e tests (skipped: build failed)');
}

if (failures.length) console.log(`\nFailed: ${failures.join('; ')}`);
console.log(`\n${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
