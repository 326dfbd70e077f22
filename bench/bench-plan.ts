/**
 * Which benchmark scripts `npm run bench -- [SECTION…] [--runs N] [--backends LIST]`
 * runs, and with which arguments each: a section name goes only to the
 * script it belongs to, an option only to the scripts that read it. Each
 * script also runs on its own (`npx tsx bench/compiler.ts predict`) and checks
 * its own section names with `sectionsOf`.
 */
import { parseArgs } from 'node:util';

export type BenchmarkName = 'compiler' | 'editor' | 'throughput';

interface Benchmark {
  /** Names the whole benchmark: `npm run bench -- editor`. */
  name: BenchmarkName;
  script: string;
  /** Its parts, each runnable alone; a run that names none of them runs all of them. */
  sections: readonly string[];
  /** The runner's options this script reads, passed on as `--runs 5`. */
  options: readonly RunnerOption[];
}

const RUNNER_OPTIONS = {
  runs: { type: 'string' },
  backends: { type: 'string' },
} as const;

type RunnerOption = keyof typeof RUNNER_OPTIONS;

export const BENCHMARKS: readonly Benchmark[] = [
  { name: 'compiler', script: 'bench/compiler.ts', sections: ['generated', 'predict', 'fit'], options: [] },
  { name: 'editor', script: 'bench/editor.ts', sections: [], options: ['runs'] },
  { name: 'throughput', script: 'bench/throughput.ts', sections: ['node', 'chromium'], options: ['runs', 'backends'] },
];

/** One script to run and the arguments meant for it. */
export interface BenchRun {
  script: string;
  args: string[];
}

export type BenchPlan = { ok: true; runs: BenchRun[] } | { ok: false; message: string };

const knownNames = (benchmarks: readonly Benchmark[]) => benchmarks.flatMap((b) => [b.name, ...b.sections]);

function unknownSectionMessage(unknown: string[], benchmarks: readonly Benchmark[]): string {
  return `unknown benchmark section${unknown.length === 1 ? '' : 's'} ${unknown.map((n) => `'${n}'`).join(', ')}; known: ${knownNames(benchmarks).join(', ')}`;
}

function parseRunnerArgs(args: readonly string[]) {
  try {
    return { ok: true, ...parseArgs({ args: [...args], options: RUNNER_OPTIONS, allowPositionals: true, strict: true }) } as const;
  } catch (error) {
    // node's own message names the option (`Unknown option '--run'`, `Option '--runs <value>' argument missing`).
    return { ok: false, message: `${(error as Error).message}; options: ${Object.keys(RUNNER_OPTIONS).map((o) => `--${o}`).join(', ')}` } as const;
  }
}

/** The runner's arguments (`process.argv.slice(2)`) as one run per chosen script, or what is wrong with them. */
export function planBenchmarks(args: readonly string[]): BenchPlan {
  const parsed = parseRunnerArgs(args);
  if (!parsed.ok) return parsed;
  const named = parsed.positionals;
  const unknown = named.filter((name) => !knownNames(BENCHMARKS).includes(name));
  if (unknown.length > 0) return { ok: false, message: unknownSectionMessage(unknown, BENCHMARKS) };
  const runs = parsed.values.runs;
  if (runs !== undefined && !/^[1-9]\d*$/.test(runs)) return { ok: false, message: `--runs needs a whole number of runs, at least 1 (got '${runs}')` };

  const chosen = BENCHMARKS.filter((b) => named.length === 0 || named.includes(b.name) || b.sections.some((s) => named.includes(s)));
  for (const option of Object.keys(parsed.values) as RunnerOption[]) {
    const readers = BENCHMARKS.filter((b) => b.options.includes(option));
    if (!chosen.some((b) => readers.includes(b))) {
      return { ok: false, message: `--${option} is read by ${readers.map((b) => b.name).join(' and ')}, and none of them is chosen` };
    }
  }
  return {
    ok: true,
    runs: chosen.map((b) => ({
      script: b.script,
      args: [
        // Naming the benchmark itself runs all of it: the script's default.
        ...(named.includes(b.name) ? [] : b.sections.filter((s) => named.includes(s))),
        ...b.options.flatMap((option) => {
          const value = parsed.values[option];
          return value === undefined ? [] : [`--${option}`, value];
        }),
      ],
    })),
  };
}

/**
 * For a script run on its own: which of benchmark `name`'s sections the section
 * names it was given ask for (all of them when none, or the benchmark's own
 * name, is given), or a message naming those it does not know.
 */
export function sectionsOf(name: BenchmarkName, named: readonly string[]): { ok: true; sections: string[] } | { ok: false; message: string } {
  const benchmark = BENCHMARKS.find((b) => b.name === name)!;
  const unknown = named.filter((n) => !knownNames([benchmark]).includes(n));
  if (unknown.length > 0) return { ok: false, message: unknownSectionMessage(unknown, [benchmark]) };
  const all = named.length === 0 || named.includes(name);
  return { ok: true, sections: benchmark.sections.filter((s) => all || named.includes(s)) };
}
