/**
 * `npm run bench -- …`: which benchmark script runs with which arguments
 * (bench/bench-plan.ts), and that a mistake stops the runner and each script
 * run on its own with exit code 2 before anything is measured.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { BENCHMARKS, planBenchmarks, sectionsOf } from '../bench/bench-plan';

const root = fileURLToPath(new URL('..', import.meta.url));
const COMPILER = 'bench/compiler.ts';
const EDITOR = 'bench/editor.ts';
const THROUGHPUT = 'bench/throughput.ts';

const runsFor = (args: string[]) => {
  const plan = planBenchmarks(args);
  if (!plan.ok) throw new Error(plan.message);
  return plan.runs.map(({ script, args }) => [script, ...args].join(' '));
};

const messageFor = (args: string[]) => {
  const plan = planBenchmarks(args);
  if (plan.ok) throw new Error(`accepted: ${JSON.stringify(plan.runs)}`);
  return plan.message;
};

describe('npm run bench -- ARGS: each script gets its own sections and options', () => {
  test.each([
    [[], [COMPILER, EDITOR, THROUGHPUT]],
    [['generated'], [`${COMPILER} generated`]],
    [['predict', 'fit'], [`${COMPILER} predict fit`]],
    [['compiler'], [COMPILER]],
    [['compiler', 'fit'], [COMPILER]],
    [['editor'], [EDITOR]],
    [['throughput'], [THROUGHPUT]],
    [['node'], [`${THROUGHPUT} node`]],
    [['chromium'], [`${THROUGHPUT} chromium`]],
    [['fit', 'chromium'], [`${COMPILER} fit`, `${THROUGHPUT} chromium`]],
    [['editor', '--runs', '5'], [`${EDITOR} --runs 5`]],
    [['--runs=5', 'editor'], [`${EDITOR} --runs 5`]],
    [['--runs', '5'], [COMPILER, `${EDITOR} --runs 5`, `${THROUGHPUT} --runs 5`]],
    [['generated', 'editor', '--runs', '2'], [`${COMPILER} generated`, `${EDITOR} --runs 2`]],
    [['node', '--backends', 'wasm,cpu'], [`${THROUGHPUT} node --backends wasm,cpu`]],
  ])('%j runs %j', (args, runs) => {
    expect(runsFor(args)).toEqual(runs);
  });

  test('benchmarks run in the order the old chain ran them, and every script is there', () => {
    expect(BENCHMARKS.map((b) => b.script)).toEqual([COMPILER, EDITOR, THROUGHPUT]);
    for (const { script } of BENCHMARKS) expect(existsSync(`${root}${script}`), script).toBe(true);
  });
});

describe('mistakes are refused with what is known', () => {
  test('an unknown section names itself and lists every known one', () => {
    expect(messageFor(['generated', 'gpu'])).toBe("unknown benchmark section 'gpu'; known: compiler, generated, predict, fit, editor, throughput, node, chromium");
    expect(messageFor(['gpu', 'tpu'])).toMatch(/^unknown benchmark sections 'gpu', 'tpu'; known: /);
  });

  test.each([
    [['--run', '5'], /Unknown option '--run'.*; options: --runs, --backends$/],
    [['--runs'], /'--runs <value>' argument missing/],
    [['--runs', '0'], /--runs needs a whole number of runs, at least 1 \(got '0'\)/],
    [['--runs', 'many'], /--runs needs a whole number/],
    [['generated', '--runs', '3'], /^--runs is read by editor and throughput, and none of them is chosen$/],
    [['editor', '--backends', 'wasm'], /^--backends is read by throughput, and none of them is chosen$/],
  ])('%j: %s', (args, message) => {
    expect(messageFor(args)).toMatch(message);
  });
});

describe('a script run on its own checks its section names', () => {
  test.each([
    ['compiler', [], ['generated', 'predict', 'fit']],
    ['compiler', ['compiler'], ['generated', 'predict', 'fit']],
    ['compiler', ['fit', 'generated'], ['generated', 'fit']],
    ['throughput', [], ['node', 'chromium']],
    ['throughput', ['throughput'], ['node', 'chromium']],
    ['throughput', ['chromium'], ['chromium']],
  ] as const)('%s %j runs %j', (name, named, sections) => {
    expect(sectionsOf(name, named)).toEqual({ ok: true, sections });
  });

  test("another benchmark's section is unknown to it", () => {
    expect(sectionsOf('throughput', ['predict'])).toEqual({ ok: false, message: "unknown benchmark section 'predict'; known: throughput, node, chromium" });
  });
});

describe('the scripts themselves', () => {
  // tsx the way npm runs it, from the repository root; each run stops before loading a model.
  const tsx = (...args: string[]) => spawnSync(process.execPath, [`${root}node_modules/tsx/dist/cli.mjs`, ...args], { cwd: root, encoding: 'utf8' });

  test('bench/run.ts refuses an unknown section with exit 2 and runs nothing', () => {
    const run = tsx('bench/run.ts', 'generated', 'gpu');
    expect(run.stderr).toContain("unknown benchmark section 'gpu'; known: compiler, generated");
    expect(run.stdout).not.toContain('$ tsx');
    expect(run.status).toBe(2);
  });

  test.each([
    ['bench/compiler.ts', 'chromium', "unknown benchmark section 'chromium'; known: compiler, generated, predict, fit"],
    ['bench/throughput.ts', 'predict', "unknown benchmark section 'predict'; known: throughput, node, chromium"],
  ])('%s %s exits with 2', (script, section, message) => {
    const run = tsx(script, section);
    expect(run.stderr).toContain(message);
    expect(run.status).toBe(2);
  });
});

test('the Node benchmarks start tfjs backends the way the CLI does, which keeps tfjs’s Node greeting out of their tables', () => {
  // test/robustness.test.ts shows startBackend silences the greeting; a plain tf.setBackend('cpu') lets it through.
  for (const script of [COMPILER, THROUGHPUT, 'bench/throughput-measure.ts', 'bench/hand-models.ts']) {
    const source = readFileSync(`${root}${script}`, 'utf8');
    expect(source, script).not.toMatch(/\btf\.setBackend\(/);
    if (script === COMPILER || script === THROUGHPUT) expect(source, script).toContain("import { startBackend");
  }
});
