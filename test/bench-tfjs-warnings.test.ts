/**
 * The benchmarks hide tfjs's "Orthogonal initializer … Slowness may result"
 * warning (bench/tfjs-warnings.ts, used by bench/compiler.ts and
 * bench/throughput.ts) and nothing else. The warning checked is the one tfjs
 * itself prints when it initializes a large orthogonal matrix, not a copy of its text.
 */
import * as tf from '@tensorflow/tfjs';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { startBackend } from '../cli/tfjs-backend';
import { hideOrthogonalInitializerWarning } from '../bench/tfjs-warnings';

// As the benchmarks start it: without tfjs's greeting to Node users, which is no warning about a model.
beforeAll(() => startBackend('cpu'));

const original = console.warn;
afterEach(() => {
  console.warn = original;
  vi.restoreAllMocks();
});

/** Initializes a 60×60 orthogonal matrix: 3600 elements, over tfjs's 2000 at which it warns. */
const initializeOrthogonal = () => tf.tidy(() => void tf.initializers.orthogonal({ seed: 1 }).apply([60, 60]));

describe('the benchmarks’ console', () => {
  test('tfjs warns about a large orthogonal matrix; once hidden, that warning is gone and every other one still prints', () => {
    const printed = vi.spyOn(console, 'warn').mockImplementation(() => {});
    initializeOrthogonal();
    expect(printed.mock.calls.map((call) => String(call[0]))).toEqual([expect.stringMatching(/^Orthogonal initializer .*Slowness may result/)]);
    printed.mockClear();

    hideOrthogonalInitializerWarning();
    initializeOrthogonal();
    expect(printed).not.toHaveBeenCalled();
    console.warn('Orthogonal', 'is not the warning');
    console.warn('the backend fell back to cpu', 42);
    expect(printed.mock.calls).toEqual([
      ['Orthogonal', 'is not the warning'],
      ['the backend fell back to cpu', 42],
    ]);
  });

  test('both benchmarks hide it through the shared module, and neither keeps a copy of the filter', async () => {
    const { readFileSync } = await import('node:fs');
    for (const script of ['bench/compiler.ts', 'bench/throughput.ts']) {
      const source = readFileSync(new URL(`../${script}`, import.meta.url), 'utf8');
      expect(source, script).toContain("import { hideOrthogonalInitializerWarning } from './tfjs-warnings';");
      expect(source, script).toMatch(/async function main\(\) \{[^}]*hideOrthogonalInitializerWarning\(\);/);
      expect(source, script).not.toContain("startsWith('Orthogonal initializer')");
    }
  });
});
