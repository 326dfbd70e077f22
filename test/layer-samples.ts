/**
 * One tiny model per registered layer kind — Input(s) → the layer → every
 * output port — for the tests that walk the whole registry
 * (layer-contract.test.ts, emit-roundtrip.test.ts). A kind without a sample
 * fails those tests: adding a layer means adding its sample here.
 */
import * as tf from '@tensorflow/tfjs';
import type { GraphDocumentInput } from '../schemas';
import type { Shape } from '../schemas/shape';
import { parseGraphDocument } from '../schemas';
import { checkGraph, type CheckResult } from '../compiler/check';
import { outputPorts } from '../compiler/layers/definition';
import { findLayer } from '../compiler/layers/registry';

export interface LayerSample {
  /** What this case adds beyond the kind's first one, for the test name. */
  label?: string;
  params: Record<string, unknown>;
  /** Input shapes without the batch axis, one per input port; small, so the whole registry runs in seconds. */
  inputs: Shape[];
  /** Element type of every Input: int32 for token ids. */
  dtype?: 'int32';
}

const LSTM = (params: Record<string, unknown> = {}) => ({ type: 'LSTM', params: { units: 3, ...params } });
const image: Shape = [5, 5, 2];
const sequence: Shape = [4, 2];
const volume: Shape = [3, 4, 4, 2];

/** Every registered kind → its cases. */
export const samples: Record<string, LayerSample[]> = {
  Input: [{ params: { shape: [3] }, inputs: [] }],
  Dense: [{ params: { units: 3, activation: 'relu' }, inputs: [[4]] }, { label: 'on a sequence', params: { units: 3, useBias: false }, inputs: [sequence] }],
  Rescaling: [{ params: { scale: 0.5, offset: 1 }, inputs: [[4]] }],

  Conv1D: [{ params: { filters: 2, kernelSize: 2, padding: 'same', dilationRate: 2 }, inputs: [sequence] }],
  Conv2D: [{ params: { filters: 2, kernelSize: 2, activation: 'relu' }, inputs: [image] }, { label: 'channelsFirst, strided', params: { filters: 3, kernelSize: [2, 3], strides: 2, dataFormat: 'channelsFirst' }, inputs: [[2, 5, 5]] }],
  Conv3D: [{ params: { filters: 2, kernelSize: 2 }, inputs: [volume] }],
  Conv2DTranspose: [{ params: { filters: 2, kernelSize: 2, strides: 2 }, inputs: [[3, 3, 2]] }],
  SeparableConv2D: [{ params: { filters: 3, kernelSize: 2, depthMultiplier: 2 }, inputs: [image] }],
  DepthwiseConv2D: [{ params: { kernelSize: 2, depthMultiplier: 2, padding: 'same' }, inputs: [image] }],
  ZeroPadding2D: [{ params: { padding: [1, 2] }, inputs: [image] }],
  Cropping2D: [{ params: { cropping: [[1, 0], [0, 2]] }, inputs: [image] }],
  UpSampling2D: [{ params: { size: [2, 1] }, inputs: [[3, 3, 2]] }, { label: 'bilinear', params: { interpolation: 'bilinear' }, inputs: [[3, 3, 2]] }],

  MaxPooling1D: [{ params: {}, inputs: [sequence] }],
  MaxPooling2D: [{ params: { poolSize: [2, 3], strides: 1 }, inputs: [image] }],
  MaxPooling3D: [{ params: {}, inputs: [volume] }],
  AveragePooling1D: [{ params: { poolSize: 3, strides: 1, padding: 'same' }, inputs: [sequence] }],
  AveragePooling2D: [{ params: { padding: 'same' }, inputs: [image] }],
  AveragePooling3D: [{ params: { poolSize: [1, 2, 2] }, inputs: [volume] }],
  GlobalMaxPooling1D: [{ params: {}, inputs: [sequence] }],
  GlobalMaxPooling2D: [{ params: {}, inputs: [image] }],
  GlobalAveragePooling1D: [{ params: {}, inputs: [sequence] }],
  GlobalAveragePooling2D: [{ params: { dataFormat: 'channelsFirst' }, inputs: [[2, 5, 5]] }],

  SimpleRNN: [{ params: { units: 3 }, inputs: [sequence] }, { label: 'sequences and state', params: { units: 3, returnSequences: true, returnState: true }, inputs: [sequence] }],
  GRU: [
    { params: { units: 3, goBackwards: true }, inputs: [sequence] },
    { label: 'returnState', params: { units: 3, returnState: true }, inputs: [sequence] },
    { label: 'no bias', params: { units: 3, useBias: false }, inputs: [sequence] },
  ],
  LSTM: [
    { params: { units: 3, returnSequences: true }, inputs: [['timesteps', 2]] },
    { label: 'returnState', params: { units: 3, returnState: true, unitForgetBias: true }, inputs: [sequence] },
  ],
  ConvLSTM2D: [{ params: { filters: 2, kernelSize: 2 }, inputs: [volume] }, { label: 'returnState', params: { filters: 2, kernelSize: 2, padding: 'same', returnSequences: true, returnState: true }, inputs: [volume] }],
  AttentionPooling: [{ params: { units: 3 }, inputs: [sequence] }],

  Concatenate: [{ params: {}, inputs: [[3], [2]] }, { label: 'axis 1', params: { axis: 1 }, inputs: [[2, 3], [4, 3]] }],
  Add: [{ params: {}, inputs: [[3], [3]] }],
  Multiply: [{ params: {}, inputs: [[3], [3]] }],
  Average: [{ params: {}, inputs: [[3], [3]] }],
  Maximum: [{ params: {}, inputs: [[3], [3]] }],
  Minimum: [{ params: {}, inputs: [[3], [3]] }],
  Dot: [{ params: { axes: 1 }, inputs: [[3], [3]] }, { label: 'normalized, two axes', params: { axes: [2, 2], normalize: true }, inputs: [[4, 3], [5, 3]] }],

  Dropout: [{ params: { rate: 0.5 }, inputs: [[4]] }, { label: 'noiseShape', params: { rate: 0.5, noiseShape: [1, 1, 2], seed: 3 }, inputs: [sequence] }],
  SpatialDropout1D: [{ params: { rate: 0.5 }, inputs: [sequence] }],
  GaussianDropout: [{ params: { rate: 0.5 }, inputs: [[4]] }],
  GaussianNoise: [{ params: { stddev: 0.5 }, inputs: [[4]] }],
  AlphaDropout: [{ params: { rate: 0.5 }, inputs: [[4]] }],

  Flatten: [{ params: {}, inputs: [[3, 2, 2]] }],
  Reshape: [{ params: { targetShape: [2, 6] }, inputs: [[3, 4]] }, { label: 'inferred axis', params: { targetShape: [-1, 2] }, inputs: [[3, 4]] }],
  Permute: [{ params: { dims: [2, 1] }, inputs: [[3, 4]] }],
  RepeatVector: [{ params: { n: 3 }, inputs: [[4]] }],

  Activation: [{ params: { activation: 'tanh' }, inputs: [[4]] }],
  ReLU: [{ params: { maxValue: 0.5 }, inputs: [[4]] }],
  LeakyReLU: [{ params: { alpha: 0.2 }, inputs: [[4]] }],
  PReLU: [{ params: { sharedAxes: [1] }, inputs: [sequence] }],
  ELU: [{ params: {}, inputs: [[4]] }],
  ThresholdedReLU: [{ params: { theta: 0.1 }, inputs: [[4]] }],
  Softmax: [{ params: {}, inputs: [[4]] }, { label: 'last axis of a sequence', params: { axis: -1 }, inputs: [sequence] }],

  BatchNormalization: [{ params: {}, inputs: [sequence] }, { label: 'channelsFirst axis, no center', params: { axis: 1, center: false }, inputs: [[2, 3, 3]] }],
  LayerNormalization: [{ params: {}, inputs: [[4]] }, { label: 'two negative axes, no scale', params: { axis: [-2, -1], scale: false }, inputs: [sequence] }],
  Embedding: [{ params: { inputDim: 10, outputDim: 3 }, inputs: [[4]], dtype: 'int32' }, { label: 'maskZero', params: { inputDim: 10, outputDim: 3, maskZero: true }, inputs: [[4]], dtype: 'int32' }],
  Masking: [{ params: { maskValue: 0 }, inputs: [sequence] }],

  Bidirectional: [
    { params: { layer: LSTM() }, inputs: [sequence] },
    { label: 'sum', params: { layer: { type: 'GRU', params: { units: 3 } }, mergeMode: 'sum' }, inputs: [sequence] },
    { label: 'mul', params: { layer: { type: 'SimpleRNN', params: { units: 3 } }, mergeMode: 'mul' }, inputs: [sequence] },
    { label: 'ave', params: { layer: LSTM({ returnSequences: true }), mergeMode: 'ave' }, inputs: [sequence] },
    { label: 'null', params: { layer: LSTM(), mergeMode: null }, inputs: [sequence] },
    { label: 'null with states', params: { layer: { type: 'GRU', params: { units: 3, returnState: true } }, mergeMode: null }, inputs: [sequence] },
  ],
  TimeDistributed: [
    { label: 'Dense', params: { layer: { type: 'Dense', params: { units: 3 } } }, inputs: [sequence] },
    { label: 'Conv2D', params: { layer: { type: 'Conv2D', params: { filters: 2, kernelSize: 2 } } }, inputs: [volume] },
    { label: 'SeparableConv2D', params: { layer: { type: 'SeparableConv2D', params: { filters: 2, kernelSize: 2, depthMultiplier: 2 } } }, inputs: [volume] },
  ],
};

export interface SampleCase {
  kind: string;
  /** `Bidirectional (null)`: unique, for test names. */
  title: string;
  /** A TypeScript-safe file name. */
  file: string;
  sample: LayerSample;
}

export const sampleCases: SampleCase[] = Object.entries(samples).flatMap(([kind, cases]) =>
  cases.map((sample, i) => ({ kind, title: sample.label ? `${kind} (${sample.label})` : kind, file: `${kind}_${i}`, sample })),
);

/** The layer node's id (and tfjs layer name) in every sample document. */
export const UNDER_TEST = 'under_test';

/** Input(s) → the layer → all its output ports. An Input sample is just the Input. */
export function sampleDocument({ kind, title, sample }: SampleCase): GraphDocumentInput {
  const definition = findLayer(kind);
  if (!definition) throw new Error(`${kind} is not in the registry`);
  if (kind === 'Input') {
    return { format: 'layerwire.graph', version: 1, name: title, nodes: [{ id: UNDER_TEST, type: 'Input', params: sample.params }], outputs: [{ node: UNDER_TEST, port: 'out' }] };
  }
  const ports = definition.inputs.kind === 'fixed' ? definition.inputs.ports.map((p) => p.name) : sample.inputs.map((_, i) => `in${i}`);
  if (ports.length !== sample.inputs.length) throw new Error(`${title}: ${sample.inputs.length} inputs for ${ports.length} ports`);
  const inputs = sample.inputs.map((shape, i) => ({ id: `input_${i}`, type: 'Input', params: { shape, ...(sample.dtype ? { dtype: sample.dtype } : {}) } }));
  const parsed = definition.params.parse(sample.params);
  return {
    format: 'layerwire.graph',
    version: 1,
    name: title,
    nodes: [...inputs, { id: UNDER_TEST, type: kind, params: sample.params }],
    edges: inputs.map((input, i) => ({ from: { node: input.id, port: 'out' }, to: { node: UNDER_TEST, port: ports[i]! } })),
    outputs: outputPorts(definition, parsed).map((port) => ({ node: UNDER_TEST, port })),
  };
}

export function checkSample(sampleCase: SampleCase): CheckResult {
  const parsed = parseGraphDocument(sampleDocument(sampleCase));
  if (!parsed.ok) throw new Error(`${sampleCase.title}: ${JSON.stringify(parsed.errors)}`);
  return checkGraph(parsed.document);
}

/** Batch 2, symbolic and unknown sizes 4; token ids in [0, 10), other values in [-1, 1). */
export function sampleInputs(model: tf.LayersModel, seed = 7): tf.Tensor[] {
  return model.inputs.map((input, i) => {
    const shape = input.shape.map((d, axis) => (axis === 0 ? 2 : d ?? 4));
    return input.dtype === 'int32' ? tf.randomUniform(shape, 0, 10, 'int32', seed + i) : tf.randomUniform(shape, -1, 1, 'float32', seed + i);
  });
}

/**
 * Replaces every weight with seeded random values, so that weights initialised
 * to zeros or ones (biases, moving statistics, PReLU's alpha) still show when
 * one is lost or misplaced. Variances stay positive.
 */
export function randomizeWeights(model: tf.LayersModel, seed = 11): void {
  let n = seed;
  for (const layer of model.layers) {
    if (layer.weights.length === 0) continue;
    const values = layer.weights.map((w) => {
      const shape = w.shape as number[];
      if (w.dtype === 'int32') return tf.zeros(shape, 'int32');
      return /variance/.test(w.name) ? tf.randomUniform(shape, 0.5, 1.5, 'float32', n++) : tf.randomUniform(shape, -0.5, 0.5, 'float32', n++);
    });
    layer.setWeights(values);
    tf.dispose(values);
  }
}

/** Every output of `model.predict`, as nested arrays. */
export function predictAll(model: tf.LayersModel, inputs: tf.Tensor[]): { shape: number[]; values: unknown }[] {
  const out = model.predict(inputs.length === 1 ? inputs[0]! : inputs) as tf.Tensor | tf.Tensor[];
  const tensors = Array.isArray(out) ? out : [out];
  const result = tensors.map((t) => ({ shape: t.shape, values: t.arraySync() }));
  tf.dispose(tensors);
  return result;
}

export function maxAbsDiff(a: unknown, b: unknown): number {
  const fa = [a].flat(Infinity) as number[];
  const fb = [b].flat(Infinity) as number[];
  if (fa.length !== fb.length) return Infinity;
  return fa.reduce((m, v, i) => Math.max(m, Math.abs(v - fb[i]!)), 0);
}
