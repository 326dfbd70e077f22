import type { Shape } from '../schemas/shape';
import type { AnyLayerDefinition, WeightSpec } from './layers/definition';

export function weightSpecs(definition: AnyLayerDefinition, params: unknown, inputs: Shape[]): WeightSpec[] {
  return definition.weights ? definition.weights({ inputs, params }) : [];
}

const size = (spec: WeightSpec) => spec.shape.reduce<number>((n, d) => n * (typeof d === 'number' ? d : NaN), 1);

/** Parameter count derived from the weight layout, so the two can never disagree. */
export function paramCount(definition: AnyLayerDefinition, params: unknown, inputs: Shape[]): number {
  return weightSpecs(definition, params, inputs).reduce((n, spec) => n + size(spec), 0);
}

export function trainableParamCount(definition: AnyLayerDefinition, params: unknown, inputs: Shape[]): number {
  return weightSpecs(definition, params, inputs).filter((s) => s.trainable).reduce((n, spec) => n + size(spec), 0);
}

/** Every weight is float32 in memory (tfjs computes in float32), whatever it is stored as. */
export const BYTES_PER_WEIGHT = 4;
/** The megabyte budgets count in: 2^20 bytes, as Keras's summary and `formatBytes` do. */
export const MEGABYTE = 1024 * 1024;

export const weightBytes = (params: number): number => params * BYTES_PER_WEIGHT;
