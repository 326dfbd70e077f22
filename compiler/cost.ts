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
