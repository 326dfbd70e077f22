/**
 * `npm run bench [-- SECTION… --runs N --backends LIST]`: every benchmark, or
 * those the named sections belong to, each in its own process with the
 * arguments meant for it (bench/bench-plan.ts), one after the other; stops at
 * the first that fails. Unknown sections or options: a message and exit 2.
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planBenchmarks } from './bench-plan';

const root = fileURLToPath(new URL('..', import.meta.url));
const plan = planBenchmarks(process.argv.slice(2));
if (!plan.ok) {
  console.error(plan.message);
  process.exit(2);
}
for (const { script, args } of plan.runs) {
  console.log(`\n$ tsx ${[script, ...args].join(' ')}`);
  // This file runs under tsx's node hooks (process.execArgv): the same hooks run each script.
  const { status, signal } = spawnSync(process.execPath, [...process.execArgv, join(root, script), ...args], { cwd: root, stdio: 'inherit' });
  if (status !== 0) {
    console.error(`${script} ${signal ? `was stopped by ${signal}` : `failed (exit ${status})`}`);
    process.exit(status || 1);
  }
}
