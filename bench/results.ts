/**
 * bench/results.json: every benchmark's latest numbers in one flat object,
 * `metric@size` → `{ value, unit }`, so runs can be compared by a diff or a
 * script. Each benchmark merges its own entries and leaves the others'.
 */
import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export type Unit = 'ms' | 'ratio' | 'kB' | 'samples/s';

export interface Measurement {
  value: number;
  unit: Unit;
}

export const RESULTS_FILE = fileURLToPath(new URL('./results.json', import.meta.url));

function readResults(file: string): Record<string, Measurement> {
  try {
    const json: unknown = JSON.parse(fs.readFileSync(file, 'utf8'));
    return json !== null && typeof json === 'object' && !Array.isArray(json) ? (json as Record<string, Measurement>) : {};
  } catch {
    return {}; // no file yet, or one a crashed run cut short: start over
  }
}

/** Merges `entries` into the results file (keys sorted, so diffs stay small). */
export function recordResults(entries: Record<string, Measurement>, file = RESULTS_FILE): void {
  const merged: Record<string, Measurement> = { ...readResults(file), ...entries };
  const sorted = Object.fromEntries(Object.keys(merged).sort().map((key) => [key, merged[key]!]));
  fs.writeFileSync(file, `${JSON.stringify(sorted, null, 2)}\n`);
}

/** `check_ms@1000` from a metric and a size (a node count or a model's name). */
export const resultKey = (metric: string, size: string | number) => `${metric}@${size}`;
