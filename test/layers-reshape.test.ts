/**
 * Reshape layers against tfjs as the oracle: Flatten, Reshape, Permute,
 * RepeatVector.
 *
 * Each kind: random parameters and input shapes (named symbols included) give
 * the same output shapes as tfjs; where tfjs throws we refuse too; where we
 * refuse what tfjs builds (Reshape: wrong element counts, two -1s, a -1 that
 * does not divide, which tfjs checks only when the batch size is known), tfjs
 * fails when it runs the layer on real data; the Keras config tfjs writes
 * imports back to the same parameters; defaults are tfjs's; the tfjs config
 * type-checks under `tsc --strict`.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Shape } from '../schemas/shape';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { kerasConfigToParams } from '../compiler/import/keras-config';
import { askTfjs, definition, expectAgreement, expectContract, expectTfjsDefaults, kerasRoundTrip, ours, RUNS, shapeOfRank, typeCheckConfigs, type Params } from './tfjs-oracle';

// ---- Flatten ---------------------------------------------------------------------------

describe('Flatten', () => {
  it('agrees with tfjs over random ranks and shapes, refusing unknown sizes as tfjs does', () => {
    const params = fc.record({ dataFormat: fc.option(fc.constantFrom('channelsLast', 'channelsFirst'), { nil: undefined }) }).map((p) => (p.dataFormat ? p : {}));
    fc.assert(fc.property(params, shapeOfRank(2, 5), (p, input) => void expectAgreement('Flatten', p, [input])), RUNS);
  });

  it('multiplies the sizes, and names the axes it cannot', () => {
    expect(ours('Flatten', {}, [[null, 31, 31, 32]])).toMatchObject({ ok: true, shapes: [[null, 30752]] });
    const result = definition('Flatten').inferShape({ inputs: [[null, 'timesteps', 8]], params: definition('Flatten').params.parse({}), label: "Flatten 'f'" });
    expect(result).toMatchObject({ problems: [{ port: 'in', message: expect.stringContaining('axis 1 ("timesteps")') }] });
    expect(askTfjs(definition('Flatten'), {}, [[null, 'timesteps', 8]]).error).toMatch(/not fully defined/);
  });
});

// ---- Reshape ---------------------------------------------------------------------------

/** Target shapes for an input: mostly ones that hold the same values (regrouped, one size as -1), sometimes anything. */
const targetFor = (input: Shape) => {
  const sizes = input.slice(1).map((d) => (typeof d === 'number' ? d : 3));
  const regrouped = fc.shuffledSubarray(sizes, { minLength: sizes.length, maxLength: sizes.length }).chain((order) =>
    fc.integer({ min: -1, max: order.length - 1 }).map((wild) => order.map((d, i) => (i === wild ? -1 : d))),
  );
  const merged = fc.constant([sizes.reduce((a, b) => a * b, 1)]);
  const anything = fc.array(fc.oneof({ weight: 1, arbitrary: fc.constant(-1) }, { weight: 4, arbitrary: fc.integer({ min: 1, max: 8 }) }), { minLength: 1, maxLength: 4 });
  return fc.oneof(regrouped, merged, anything);
};
const reshapeCases = fc
  .tuple(fc.oneof({ weight: 4, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant(4) }), fc.array(fc.oneof({ weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('timesteps') }), { minLength: 1, maxLength: 3 }))
  .map(([b, rest]): Shape => [b, ...rest])
  .chain((input) => fc.tuple(targetFor(input), fc.constant(input)));

describe('Reshape', () => {
  it('agrees with tfjs; refuses only what tfjs refuses or cannot run', () => {
    fc.assert(fc.property(reshapeCases, ([targetShape, input]) => void expectAgreement('Reshape', { targetShape }, [input])), { numRuns: 100 });
  });

  /** The documented cases where Layerwire is stricter than tfjs's shape inference, with tfjs failing at run time beside each. */
  const stricter: [string, number[], Shape, Shape][] = [
    ['element counts differ', [5], [null, 2, 3], [2, 2, 3]],
    ['two -1s', [-1, -1], [null, 2, 3], [2, 2, 3]],
    ['a -1 that does not divide', [-1, 4], [null, 2, 3], [2, 2, 3]],
  ];
  for (const [why, targetShape, input, real] of stricter) {
    it(`refuses ${why}, which tfjs builds (batch unknown) but cannot run`, () => {
      expect(ours('Reshape', { targetShape }, [input])).toMatchObject({ ok: false, why: 'problems' });
      expect(askTfjs(definition('Reshape'), { targetShape }, [input]).error).toBeUndefined();
      expect(() => tf.layers.reshape({ targetShape: [...targetShape] }).apply(tf.ones(real.map(Number)))).toThrow();
    });
  }

  it('names both counts, and offers a -1 that makes them agree', () => {
    const result = definition('Reshape').inferShape({ inputs: [[null, 28, 28]], params: { targetShape: [28, 27] }, label: "Reshape 'r'" });
    expect(result).toMatchObject({ problems: [{ param: 'targetShape', message: expect.stringMatching(/784 values per sample.*holds 756/) }] });
    const again = definition('Reshape').inferShape({ inputs: [[null, 784]], params: { targetShape: [28, 27] }, label: "Reshape 'r'" });
    expect(again).toMatchObject({ problems: [{ fix: { kind: 'set-param', param: 'targetShape', value: [28, -1] } }] });
    expect(definition('Reshape').inferShape({ inputs: [[null, 784]], params: { targetShape: [-1, 28] }, label: "Reshape 'r'" })).toEqual({ shapes: [[null, null, 28]] });
  });

  it('works out -1 only when the batch is known, as tfjs does', () => {
    expect(ours('Reshape', { targetShape: [-1, 4] }, [[null, 2, 6]])).toMatchObject({ ok: true, shapes: [[null, null, 4]] });
    expect(ours('Reshape', { targetShape: [-1, 4] }, [[8, 2, 6]])).toMatchObject({ ok: true, shapes: [[8, 3, 4]] });
  });

  it("does not let tfjs overwrite the document's -1 (tfjs's Reshape rewrites the array it is given)", () => {
    const params = definition('Reshape').params.parse({ targetShape: [-1, 4] });
    buildTfjsLayer(definition('Reshape'), params, undefined);
    expect(params.targetShape).toEqual([-1, 4]);
    const raw = [-1, 4];
    tf.layers.reshape({ targetShape: raw });
    expect(raw).toEqual([null, 4]);
  });
});

// ---- Permute ---------------------------------------------------------------------------

const permutation = fc.integer({ min: 1, max: 5 }).chain((n) => fc.shuffledSubarray(Array.from({ length: n }, (_, i) => i + 1), { minLength: n, maxLength: n }));

describe('Permute', () => {
  it('agrees with tfjs over random permutations and ranks, moving symbols with their axes', () => {
    fc.assert(
      fc.property(permutation, shapeOfRank(2, 6), (dims, input) => {
        const mine = expectAgreement('Permute', { dims }, [input]);
        if (mine.ok) expect(mine.shapes).toEqual([[input[0], ...dims.map((d) => input[d])]]);
      }),
      RUNS,
    );
  });

  it('refuses what is not a permutation, as tfjs does', () => {
    const dims = fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 1, maxLength: 4 });
    fc.assert(fc.property(dims, (d) => void expectAgreement('Permute', { dims: d }, [[null, 2, 3, 4, 5].slice(0, d.length + 1)])), RUNS);
  });

  it('refuses 10 or more axes, which tfjs cannot check (it sorts the numbers as text)', () => {
    const dims = Array.from({ length: 10 }, (_, i) => i + 1);
    expect(() => tf.layers.permute({ dims })).toThrow(/Invalid permutation/);
    expect(ours('Permute', { dims }, [[null, ...dims.map(() => 1)]])).toMatchObject({ ok: false, why: 'params' });
  });
});

// ---- RepeatVector ----------------------------------------------------------------------

describe('RepeatVector', () => {
  it('agrees with tfjs over random n and ranks', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 6 }), shapeOfRank(2, 4), (n, input) => void expectAgreement('RepeatVector', { n }, [input])), RUNS);
  });

  it('keeps a symbol and offers Flatten for a rank-3 input', () => {
    expect(ours('RepeatVector', { n: 3 }, [[null, 'features']])).toMatchObject({ ok: true, shapes: [[null, 3, 'features']] });
    const port = (definition('RepeatVector').inputs as { ports: { fixForRank?: (s: Shape) => unknown }[] }).ports[0]!;
    expect(port.fixForRank!([null, 4, 5])).toMatchObject({ kind: 'insert-node', type: 'Flatten' });
  });
});

// ---- every kind here ---------------------------------------------------------------------

describe('Keras round trip: the config tfjs saves imports back to the same parameters', () => {
  const cases: [string, fc.Arbitrary<Params>, Shape][] = [
    ['Flatten', fc.constantFrom({}, { dataFormat: 'channelsFirst' }, { dataFormat: 'channelsLast' }), [null, 2, 3, 4]],
    ['Reshape', fc.constantFrom({ targetShape: [6, 4] }, { targetShape: [-1, 4] }, { targetShape: [2, -1, 2] }, { targetShape: [24] }), [null, 2, 3, 4]],
    ['Permute', permutation.filter((d) => d.length === 3).map((dims) => ({ dims })), [null, 2, 3, 4]],
    ['RepeatVector', fc.integer({ min: 1, max: 9 }).map((n) => ({ n })), [null, 4]],
  ];
  for (const [kind, params, input] of cases) {
    it(kind, () => {
      fc.assert(
        fc.property(params, (p) => {
          const { parsed, imported } = kerasRoundTrip(kind, p, [input]);
          expect(imported).toEqual(parsed);
        }),
        { numRuns: 12 },
      );
    });
  }

  it('Reshape reads -1 back from the null tfjs saves, and from Keras -1', () => {
    const { config } = kerasRoundTrip('Reshape', { targetShape: [-1, 4] }, [[null, 2, 3, 4]]);
    expect(config.target_shape).toEqual([null, 4]);
    expect(kerasConfigToParams(definition('Reshape'), { target_shape: [-1, 4] }).params).toEqual({ targetShape: [-1, 4] });
  });
});

describe('tfjs configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    expectTfjsDefaults('Flatten', {}, { dataFormat: 'channelsLast' }); // tfjs leaves dataFormat unset, which flattens channels-last
    expectTfjsDefaults('Reshape', { targetShape: [4] });
    expectTfjsDefaults('Permute', { dims: [2, 1] });
    expectTfjsDefaults('RepeatVector', { n: 2 });
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-reshape', [
      ['Flatten', {}],
      ['Flatten', { dataFormat: 'channelsFirst' }],
      ['Reshape', { targetShape: [-1, 4] }],
      ['Permute', { dims: [2, 1] }],
      ['RepeatVector', { n: 3 }],
    ]);
  });

  it('move no arithmetic', () => {
    for (const kind of ['Flatten', 'Reshape', 'Permute', 'RepeatVector']) expect(definition(kind).flops!({ inputs: [[null, 4]], outputs: [[null, 4]], params: {} })).toBe(0);
  });
});

describe('definition contract', () => {
  const cases: Record<string, fc.Arbitrary<Params>> = {
    Flatten: fc.constantFrom({}, { dataFormat: 'channelsFirst' }),
    Reshape: fc.array(fc.oneof(fc.constant(-1), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 4 }).map((targetShape) => ({ targetShape })),
    Permute: permutation.map((dims) => ({ dims })),
    RepeatVector: fc.integer({ min: 1, max: 4 }).map((n) => ({ n })),
  };
  for (const [kind, params] of Object.entries(cases)) it(kind, () => expectContract(kind, params));
});
