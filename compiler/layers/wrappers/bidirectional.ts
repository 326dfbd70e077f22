import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { isKnown, productOfKnown } from '../../shapes';
import { defineLayer, outputPorts } from '../definition';
import { findLayer } from '../registry';
import { innerShapes, nestedConfig, nestedFromKeras, nestedLayerParam, resolveInner, snakeCaseKind, withWarnings, type NestedLayerParams } from './nested-layer';

const MergeMode = z
  .enum(['concat', 'sum', 'mul', 'ave'])
  .nullable()
  .default('concat')
  .describe('how the forward and backward outputs combine: "concat" doubles the last axis; "sum", "mul", "ave" keep it; null outputs both separately');

/** `stateH` → `forwardStateH`. */
const prefixed = (direction: 'forward' | 'backward', port: string) => direction + port.charAt(0).toUpperCase() + port.slice(1);

/** The inner layer's ports (parsed params if they parse; the raw ones still tell whether it returns states). */
function innerPorts(layer: NestedLayerParams): string[] {
  const definition = findLayer(layer.type);
  if (!definition) return ['out'];
  const parsed = definition.params.safeParse(layer.params);
  return outputPorts(definition, parsed.success ? parsed.data : layer.params);
}

export const Bidirectional = defineLayer({
  kind: 'Bidirectional',
  category: 'Recurrent',
  help: 'Runs a recurrent layer forwards and a copy of it backwards over the sequence, and merges the two outputs (concatenated by default).',
  params: z.strictObject({
    layer: nestedLayerParam(z.enum(['LSTM', 'GRU', 'SimpleRNN']), 'the recurrent layer to run both ways, e.g. {"type": "LSTM", "params": {"units": 64}}'),
    mergeMode: MergeMode,
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  // mergeMode null: both outputs; then each direction's states (tfjs order: forward, then backward).
  outputs: (p) => {
    const states = innerPorts(p.layer).slice(1);
    return [
      ...(p.mergeMode === null ? ['forward', 'backward'] : ['out']),
      ...states.map((s) => prefixed('forward', s)),
      ...states.map((s) => prefixed('backward', s)),
    ];
  },
  inferShape: ({ inputs, params, label }) => {
    const inner = resolveInner(params.layer, label);
    if ('problems' in inner) return inner;
    const result = innerShapes(inner, inputs);
    if ('problems' in result) return result;
    const [out, ...states] = result.shapes as [Shape, ...Shape[]];
    const last = out.at(-1)!;
    const outputs =
      params.mergeMode === null
        ? [out, out]
        : params.mergeMode === 'concat'
          ? [[...out.slice(0, -1), isKnown(last) ? 2 * last : null]]
          : [out];
    return withWarnings([...outputs, ...states, ...states], result.warnings);
  },
  weights: ({ inputs, params }) => {
    const inner = resolveInner(params.layer, '');
    if ('problems' in inner || !inner.definition.weights) return [];
    const weights = inner.definition.weights({ inputs, params: inner.params });
    const name = snakeCaseKind(params.layer.type);
    return [
      ...weights.map((w) => ({ ...w, name: `forward_${name}/${w.name}` })),
      ...weights.map((w) => ({ ...w, name: `backward_${name}/${w.name}` })),
    ];
  },
  // Twice the wrapped layer, plus one operation per merged value (two for "ave").
  flops: ({ inputs, params }) => {
    const inner = resolveInner(params.layer, '');
    if ('problems' in inner) return 0;
    const result = innerShapes(inner, inputs);
    if ('problems' in result) return 0;
    const once = inner.definition.flops?.({ inputs, outputs: result.shapes, params: inner.params }) ?? 0;
    const merged = productOfKnown(result.shapes[0]!.slice(1));
    const merge = params.mergeMode === 'sum' || params.mergeMode === 'mul' ? merged : params.mergeMode === 'ave' ? 2 * merged : 0;
    return 2 * once + merge;
  },
  tfjs: {
    factory: 'bidirectional',
    config: (p) => ({ layer: nestedConfig(p.layer), mergeMode: p.mergeMode }),
  },
  // Keras writes merge_mode null for "both outputs", which the generic converter would read as "not set".
  fromKeras: (config) => ({
    layer: nestedFromKeras(config.layer),
    ...(config.merge_mode !== undefined ? { mergeMode: config.merge_mode } : {}),
  }),
});
