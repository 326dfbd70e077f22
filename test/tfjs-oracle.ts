/**
 * tfjs as the independent oracle: build the real tfjs layer for a definition
 * and parameters, apply it to symbolic inputs, and read back tfjs's own output
 * shapes and parameter count.
 */
import * as tf from '@tensorflow/tfjs';
import type { Shape } from '../schemas/shape';
import type { AnyLayerDefinition } from '../compiler/layers/definition';
import { buildTfjsLayer } from '../compiler/emit/tfjs-layer';
import { toTfjsShape } from '../compiler/shapes';

export interface TfjsAnswer {
  /** Output shapes, or the error tfjs threw. */
  shapes?: (number | null)[][];
  params?: number;
  error?: string;
}

export function askTfjs(definition: AnyLayerDefinition, params: Record<string, unknown>, inputShapes: Shape[]): TfjsAnswer {
  const parsed = definition.params.parse(params);
  try {
    const layer = buildTfjsLayer(definition, parsed, undefined);
    const inputs = inputShapes.map((s) => tf.input({ batchShape: toTfjsShape(s) }));
    const out = layer.apply(inputs.length === 1 ? inputs[0]! : inputs) as tf.SymbolicTensor | tf.SymbolicTensor[];
    const outs = Array.isArray(out) ? out : [out];
    return { shapes: outs.map((o) => o.shape as (number | null)[]), params: layer.countParams() };
  } catch (error) {
    return { error: error instanceof Error ? error.message : String(error) };
  }
}

/** Our shape with symbols erased, to compare with tfjs's. */
export const asTfjs = (shape: Shape) => toTfjsShape(shape);
