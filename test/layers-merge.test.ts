/**
 * Merge layers against tfjs as the oracle: Add, Multiply, Average, Maximum,
 * Minimum (tfjs's broadcasting, exactly), Concatenate, Dot.
 *
 * Each kind: random inputs (ranks, broadcastable and clashing sizes, unknown
 * sizes, named symbols, batch sizes) give the same output shapes as tfjs;
 * where tfjs throws we refuse too; where we refuse what tfjs builds, tfjs
 * fails when it runs the layer on real data, or the case is one listed here as
 * deliberately stricter; the Keras config tfjs writes imports back to the same
 * parameters; defaults are tfjs's; the tfjs config type-checks under `tsc --strict`.
 */
import * as tf from '@tensorflow/tfjs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Dim, Shape } from '../schemas/shape';
import { askTfjs, asTfjs, definition, expectAgreement, expectContract, expectTfjsDefaults, kerasRoundTrip, ours, typeCheckConfigs, type Params } from './tfjs-oracle';

// ---- element-wise merges ---------------------------------------------------------------

const ELEMENTWISE = ['Add', 'Multiply', 'Average', 'Maximum', 'Minimum'] as const;

/** 2–4 inputs derived from one shape: some axes dropped from the front, some sizes 1, unknown, a symbol, or clashing. */
const mergeInputs = (count: { min: number; max: number }, sameRank = false) =>
  fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 3 }).chain((base) => {
    const variant = fc.tuple(
      fc.oneof({ weight: 6, arbitrary: fc.constant<Dim>(null) }, { weight: 1, arbitrary: fc.constantFrom<Dim>(2, 3) }),
      fc.integer({ min: sameRank ? 0 : 0, max: sameRank ? 0 : base.length - 1 }),
      fc.array(fc.oneof({ weight: 8, arbitrary: fc.constant('same') }, { weight: 2, arbitrary: fc.constant(1) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 2, arbitrary: fc.constantFrom('timesteps', 'steps') }, { weight: 1, arbitrary: fc.integer({ min: 2, max: 6 }) }), { minLength: base.length, maxLength: base.length }),
    ).map(([batch, dropped, changes]): Shape => [batch, ...base.map((d, i) => (changes[i] === 'same' ? d : changes[i]!)).slice(dropped)]);
    return fc.array(variant, { minLength: count.min, maxLength: count.max });
  });

describe('element-wise merges broadcast exactly as tfjs', () => {
  for (const kind of ELEMENTWISE) {
    it(`${kind} over random inputs`, () => {
      fc.assert(fc.property(mergeInputs({ min: 2, max: 4 }), (inputs) => void expectAgreement(kind, {}, inputs)), { numRuns: 60 });
    });
  }

  it('keep symbols where the sizes are the same symbol, or a symbol against 1', () => {
    const cases: [Shape[], Shape][] = [
      [[[null, 'timesteps', 8], [null, 'timesteps', 8]], [null, 'timesteps', 8]],
      [[[null, 'timesteps', 8], [null, 1, 8]], [null, 'timesteps', 8]],
      [[[null, 'timesteps', 8], [null, 8]], [null, 'timesteps', 8]],
      [[[null, 'timesteps', 8], [null, 'steps', 8]], [null, null, 8]],
      [[[null, 5], [null, null]], [null, null]], // tfjs: unknown wins even against a known size
      [[[null, 1, 3], [null, 4, 1]], [null, 4, 3]],
      [[[2, 3], [null, 3]], [2, 3]],
    ];
    for (const [inputs, output] of cases) for (const kind of ELEMENTWISE) expect(ours(kind, {}, inputs), `${kind} ${JSON.stringify(inputs)}`).toMatchObject({ ok: true, shapes: [output] });
  });

  it('say which inputs clash, and offer a Dense when only the features differ', () => {
    const result = definition('Add').inferShape({ inputs: [[null, 32], [null, 64]], params: {}, label: 'Add' });
    expect(result).toMatchObject({
      problems: [{ port: 'in1', message: expect.stringMatching(/^Add needs its inputs to have the same shape, but gets \[\?, 32\] and \[\?, 64\]/), fix: { kind: 'insert-node', type: 'Dense', params: { units: 32 }, before: { port: 'in1' } } }],
    });
    const three = definition('Multiply').inferShape({ inputs: [[null, 4, 8], [null, 4, 8], [null, 5, 8]], params: {}, label: 'Multiply' });
    expect(three).toMatchObject({ problems: [{ port: 'in2', message: expect.stringContaining('axis 1 of in2 is 5 where in0…in1 have 4') }] });
    expect(three).not.toHaveProperty('problems.0.fix');
  });

  it('refuse different batch sizes, as tfjs', () => {
    expect(ours('Add', {}, [[2, 3], [4, 3]])).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(definition('Add'), {}, [[2, 3], [4, 3]]).error).toMatch(/different batch sizes/);
  });

  it('count FLOPs per output value', () => {
    const flops = (kind: string, inputs: Shape[], output: Shape) => definition(kind).flops!({ inputs, outputs: [output], params: {} });
    expect(flops('Add', [[null, 4], [null, 4], [null, 4]], [null, 4])).toBe(8);
    expect(flops('Average', [[null, 4], [null, 4], [null, 4]], [null, 4])).toBe(12);
    expect(flops('Maximum', [[null, 'timesteps'], [null, 'timesteps']], [null, 'timesteps'])).toBeNaN();
  });
});

// ---- Concatenate -------------------------------------------------------------------------

/**
 * Documented, stricter than tfjs: (a) joining along the batch axis (axis 0), which tfjs builds and
 * runs; (b) a negative axis other than -1: tfjs's shape inference counts it from the back, but its
 * concat runs every negative axis as the last one, so the real output differs from the promised shape.
 */
const concatStricter = (p: Params) => {
  const axis = (p.axis as number | undefined) ?? -1;
  return axis === 0 || axis < -1;
};

describe('Concatenate', () => {
  it('agrees with tfjs over random axes and inputs', () => {
    const cases = fc.tuple(fc.integer({ min: -4, max: 4 }), fc.integer({ min: 2, max: 6 }), mergeInputs({ min: 2, max: 3 }, true)).map(([axis, size, inputs]) => {
      // Vary the joined axis, where sizes may differ.
      const rank = inputs[0]!.length;
      const at = axis < 0 ? axis + rank : axis;
      return [axis, inputs.map((s, i) => (at >= 1 && at < rank && i % 2 ? s.map((d, k) => (k === at ? size : d)) : s))] as const;
    });
    fc.assert(fc.property(cases, ([axis, inputs]) => void expectAgreement('Concatenate', { axis }, [...inputs], concatStricter)), { numRuns: 80 });
  });

  it('keeps symbols on the other axes, and refuses a known size against an unknown one as tfjs does', () => {
    expect(ours('Concatenate', {}, [[null, 'timesteps', 8], [null, 'timesteps', 4]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 12]] });
    expect(ours('Concatenate', { axis: 1 }, [[null, 'timesteps', 8], [null, 3, 8]])).toMatchObject({ ok: true, shapes: [[null, null, 8]] });
    expect(ours('Concatenate', { axis: 1 }, [[null, 4, null], [null, 5, 2]])).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(definition('Concatenate'), { axis: 1 }, [[null, 4, null], [null, 5, 2]]).error).toMatch(/matching shapes/);
  });

  it('refuses negative axes but -1, which tfjs runs as the last axis (a tfjs bug), and offers the positive axis', () => {
    const result = definition('Concatenate').inferShape({ inputs: [[null, 2, 3], [null, 2, 3]], params: { axis: -2 }, label: 'Concatenate' });
    expect(result).toMatchObject({ problems: [{ param: 'axis', fix: { kind: 'set-param', param: 'axis', value: 1 } }] });
    expect(askTfjs(definition('Concatenate'), { axis: -2 }, [[null, 2, 3], [null, 2, 3]]).shapes).toEqual([[null, 4, 3]]);
    expect((tf.layers.concatenate({ axis: -2 }).apply([tf.ones([5, 2, 3]), tf.ones([5, 2, 3])]) as tf.Tensor).shape).toEqual([5, 2, 6]);
  });

  it('refuses the batch axis, which tfjs joins (documented: stricter)', () => {
    expect(ours('Concatenate', { axis: 0 }, [[null, 4], [null, 4]])).toMatchObject({ ok: false, why: 'problems' });
    expect((tf.layers.concatenate({ axis: 0 }).apply([tf.ones([2, 4]), tf.ones([2, 4])]) as tf.Tensor).shape).toEqual([4, 4]);
  });
});

// ---- Dot -------------------------------------------------------------------------------

/**
 * Documented, stricter than tfjs, for Dot: (a) the batch axis (0, or -rank), which tfjs contracts,
 * mixing samples; (b) an axis outside the rank: tfjs wraps one below -rank around, and may build
 * and run one beyond the rank by accident of broadcasting; (c) two negative axes whose sizes
 * differ: tfjs compares sizes only for non-negative axes, and its rank-2 product then broadcasts
 * a size of 1 instead of failing.
 */
const dotStricter = (p: Params, inputs: Shape[]) => {
  const axes = typeof p.axes === 'number' ? [p.axes, p.axes] : (p.axes as number[]);
  const outside = axes.some((a, k) => a === 0 || a <= -inputs[k]!.length || a >= inputs[k]!.length);
  const [x, y] = inputs.map((s, k) => asTfjs(s)[axes[k]! + s.length]);
  return outside || (axes[0]! < 0 && axes[1]! < 0 && x !== y);
};

describe('Dot', () => {
  const axis = fc.integer({ min: -4, max: 3 });
  const axes = fc.oneof(axis, fc.tuple(axis, axis));
  const size = fc.oneof({ weight: 6, arbitrary: fc.integer({ min: 1, max: 4 }) }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.constant('features') });
  const operand = fc.array(size, { minLength: 1, maxLength: 2 }).map((rest): Shape => [null, ...rest]);

  it('agrees with tfjs over random axes and rank-2/3 inputs', () => {
    const cases = fc.tuple(axes, operand, operand, fc.boolean()).map(([a, x, y, share]) => {
      // Often make the contracted sizes agree.
      const [i, j] = typeof a === 'number' ? [a, a] : a;
      const yi = j < 0 ? j + y.length : j;
      const xi = i < 0 ? i + x.length : i;
      const y2 = share && xi >= 1 && xi < x.length && yi >= 1 && yi < y.length ? y.map((d, k) => (k === yi ? x[xi]! : d)) : y;
      return [a, x, y2] as const;
    });
    fc.assert(fc.property(cases, fc.boolean(), ([a, x, y], normalize) => void expectAgreement('Dot', { axes: a, normalize }, [x, y], dotStricter)), { numRuns: 100 });
  });

  it('gives the shapes of the classic uses', () => {
    expect(ours('Dot', { axes: 1 }, [[null, 8], [null, 8]])).toMatchObject({ ok: true, shapes: [[null, 1]] });
    expect(ours('Dot', { axes: [2, 1] }, [[null, 'timesteps', 8], [null, 8, 3]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 3]] });
    expect(ours('Dot', { axes: [2, 2] }, [[null, 'timesteps', 8], [null, 'timesteps', 8]])).toMatchObject({ ok: true, shapes: [[null, 'timesteps', 'timesteps']] });
  });

  it('checks [negative, negative] axes, which tfjs skips until the model runs', () => {
    expect(ours('Dot', { axes: [-1, -1] }, [[null, 4], [null, 5]])).toMatchObject({ ok: false, why: 'problems' });
    expect(askTfjs(definition('Dot'), { axes: [-1, -1] }, [[null, 4], [null, 5]]).shapes).toEqual([[null, 1]]);
    expect(() => tf.layers.dot({ axes: [-1, -1] }).apply([tf.ones([2, 4]), tf.ones([2, 5])])).toThrow();
  });

  it('warns when two different symbols meet on the contracted axes', () => {
    expect(ours('Dot', { axes: 1 }, [[null, 'a'], [null, 'b']])).toMatchObject({ ok: true, warnings: [expect.stringContaining('"a"')] });
  });

  it('counts a multiply-add per contracted pair and output value', () => {
    const flops = (params: Params, inputs: Shape[], output: Shape) => definition('Dot').flops!({ inputs, outputs: [output], params: definition('Dot').params.parse(params) });
    expect(flops({ axes: [2, 1] }, [[null, 4, 5], [null, 5, 6]], [null, 4, 6])).toBe(2 * 5 * 24);
    expect(flops({ axes: 1, normalize: true }, [[null, 8], [null, 8]], [null, 1])).toBe(16 + 3 * 16);
  });
});

// ---- every kind here ---------------------------------------------------------------------

describe('Keras round trip: the config tfjs saves imports back to the same parameters', () => {
  it('element-wise merges', () => {
    for (const kind of ELEMENTWISE) {
      const { parsed, imported } = kerasRoundTrip(kind, {}, [[null, 3], [null, 3]]);
      expect(imported).toEqual(parsed);
    }
  });

  const cases: [string, fc.Arbitrary<Params>, Shape[]][] = [
    ['Concatenate', fc.record({ axis: fc.option(fc.constantFrom(-1, 1, 2, -2), { nil: undefined }) }).map((p) => (p.axis === undefined ? {} : p)), [[null, 3, 4], [null, 3, 4]]],
    ['Dot', fc.record({ axes: fc.oneof(fc.constantFrom(1, -1), fc.constantFrom([1, 1], [2, 2], [-1, -1])), normalize: fc.boolean() }), [[null, 3, 3], [null, 3, 3]]],
  ];
  for (const [kind, params, inputs] of cases) {
    it(kind, () => {
      fc.assert(
        fc.property(params, (p) => {
          const { parsed, imported } = kerasRoundTrip(kind, p, inputs);
          expect(imported).toEqual(parsed);
        }),
        { numRuns: 12 },
      );
    });
  }
});

describe('tfjs configs', () => {
  it("use tfjs's defaults, so that emitted code may leave them out", () => {
    for (const kind of [...ELEMENTWISE, 'Concatenate']) expectTfjsDefaults(kind, {});
    expectTfjsDefaults('Dot', { axes: 1 });
  });

  it('type-check under tsc --strict against tfjs types', () => {
    typeCheckConfigs('layers-merge', [...ELEMENTWISE.map((kind): [string, Params] => [kind, {}]), ['Concatenate', {}], ['Concatenate', { axis: 1 }], ['Dot', { axes: -1 }], ['Dot', { axes: [2, 1], normalize: true }]]);
  });
});

describe('definition contract', () => {
  const axis = fc.integer({ min: -4, max: 4 });
  const cases: Record<string, fc.Arbitrary<Params>> = {
    ...Object.fromEntries(ELEMENTWISE.map((kind) => [kind, fc.constant({})])),
    Concatenate: fc.record({ axis }),
    Dot: fc.record({ axes: fc.oneof(axis, fc.tuple(axis, axis)), normalize: fc.boolean() }),
  };
  for (const [kind, params] of Object.entries(cases)) it(kind, () => expectContract(kind, params));
});
