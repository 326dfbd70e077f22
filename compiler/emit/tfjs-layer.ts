import * as tf from '@tensorflow/tfjs';
import type { AnyLayerDefinition, NestedLayer } from '../layers/definition';
import { findLayer } from '../layers/registry';
import { customLayerClasses } from '../custom';

function isNestedLayer(value: unknown): value is NestedLayer {
  return typeof value === 'object' && value !== null && '$layer' in value;
}

/**
 * Wrapper configs (Bidirectional, TimeDistributed) carry an inner layer to build first.
 * Every other value is copied: tfjs layers edit arrays they are given (LayerNormalization
 * resolves negative axes in place), and those arrays belong to the checked graph.
 */
function materialize(config: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    if (isNestedLayer(value)) {
      const inner = findLayer(value.$layer.type);
      if (!inner) throw new Error(`unknown inner layer type ${value.$layer.type}`);
      out[key] = buildTfjsLayer(inner, inner.params.parse(value.$layer.params), undefined);
    } else out[key] = structuredClone(value);
  }
  return out;
}

/** The tfjs layer for one definition and its parsed params. Input is not a layer; use `tf.input`. */
export function buildTfjsLayer(definition: AnyLayerDefinition, params: unknown, name: string | undefined): tf.layers.Layer {
  const config = materialize(definition.tfjs.config(params));
  if (name !== undefined) config.name = name;
  if ('customClass' in definition.tfjs) {
    const LayerClass = customLayerClasses[definition.tfjs.customClass];
    if (!LayerClass) throw new Error(`custom layer class ${definition.tfjs.customClass} is not registered`);
    return new LayerClass(config as never);
  }
  const factory = (tf.layers as unknown as Record<string, (config: unknown) => tf.layers.Layer>)[definition.tfjs.factory];
  if (typeof factory !== 'function') throw new Error(`tf.layers.${definition.tfjs.factory} does not exist`);
  return factory(config);
}
