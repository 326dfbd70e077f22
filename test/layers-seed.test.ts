import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Shape } from '../schemas/shape';
import { askTfjs, asTfjs, definition, inferred } from './tfjs-oracle';
import { paramCount } from '../compiler/cost';

describe('Conv2D agrees with tfjs', () => {
  it('on the seed CNN first layer', () => {
    const { result } = inferred('Conv2D', { filters: 32, kernelSize: 3, activation: 'relu' }, [[null, 64, 64, 3]]);
    expect(result).toEqual({ shapes: [[null, 62, 62, 32]] });
    expect(askTfjs(definition('Conv2D'), { filters: 32, kernelSize: 3 }, [[null, 64, 64, 3]]).shapes).toEqual([[null, 62, 62, 32]]);
  });

  it('over random sizes, strides, padding and data formats', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 20 }), fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 3 }),
        fc.constantFrom('valid', 'same'), fc.constantFrom('channelsLast', 'channelsFirst'), fc.integer({ min: 1, max: 8 }),
        (h, w, c, kh, kw, s, padding, dataFormat, filters) => {
          const input: Shape = dataFormat === 'channelsLast' ? [null, h, w, c] : [null, c, h, w];
          const params = { filters, kernelSize: [kh, kw], strides: s, padding, dataFormat };
          const { def, parsed, result } = inferred('Conv2D', params, [input]);
          const tfjs = askTfjs(def, params, [input]);
          if ('problems' in result) {
            // We refuse only windows larger than a valid-padded input.
            expect(padding).toBe('valid');
            expect(kh > h || kw > w).toBe(true);
            return;
          }
          expect(result.shapes.map(asTfjs)).toEqual(tfjs.shapes);
          expect(paramCount(def, parsed, [input])).toBe(tfjs.params);
        },
      ),
      { numRuns: 60 },
    );
  });
});
