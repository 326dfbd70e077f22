import { z } from 'zod';
import type { Dim, Shape } from '../../../schemas/shape';
import { formatShape, isKnown } from '../../shapes';
import { initializerMismatch } from '../core/initializer-fit';
import { problem, type ShapeResult, type WeightSpec } from '../definition';
import { say } from '../../diagnostics';

/*
 * What tfjs's recurrent layers share (its `BaseRNNLayerArgs` and
 * `RNN.computeOutputShape`), so that SimpleRNN, GRU, LSTM and ConvLSTM2D
 * each declare only what is their own.
 */

export const ReturnSequences = z.boolean().default(false).describe('output every timestep ([batch, timesteps, units]) instead of the last');
export const GoBackwards = z.boolean().default(false).describe('read the sequence in reverse');
export const Dropout = z.number().min(0).max(1).default(0).describe('dropout on the inputs, during training');
export const RecurrentDropout = z.number().min(0).max(1).default(0).describe('dropout on the recurrent state, during training');

export interface SequenceOptions {
  returnSequences: boolean;
  returnState: boolean;
}

/** Output port names: the output, then one port per state when `returnState` is set. */
export function sequencePorts(params: { returnState: boolean }, states: readonly string[]): string[] {
  return params.returnState ? ['out', ...states] : ['out'];
}

/**
 * Refuses what tfjs's `rnn()` loop cannot run: a sequence of zero timesteps
 * (its symbolic shape is fine, but running it crashes). Unknown and symbolic
 * lengths are fine.
 */
export function checkTimesteps(input: Shape, label: string): ShapeResult | undefined {
  const timesteps = input[1];
  if (timesteps === 0) return problem(say(`${label} needs at least one timestep, but its input ${formatShape(input)} has none`, `${label} 至少需要一个时间步，但其输入 ${formatShape(input)} 没有时间步`), { port: 'in' });
  return undefined;
}

/**
 * Output shapes of a recurrent layer, as tfjs's `RNN.computeOutputShape`:
 * `[batch, timesteps, ...step]` with `returnSequences`, else `[batch, ...step]`,
 * then `[batch, ...step]` for each of `stateCount` states with `returnState`.
 * The timesteps dimension passes through, symbol included.
 */
export function sequenceOutputShapes(input: Shape, step: readonly Dim[], params: SequenceOptions, stateCount: number): Shape[] {
  const batch = input[0]!;
  const out: Shape = params.returnSequences ? [batch, input[1]!, ...step] : [batch, ...step];
  if (!params.returnState) return [out];
  return [out, ...Array.from({ length: stateCount }, () => [batch, ...step])];
}

/** The feature axis (last) of a `[batch, timesteps, features]` input must be known to size the kernel. */
export function checkFeatures(input: Shape, label: string): ShapeResult | undefined {
  const features = input[2];
  if (!isKnown(features!)) {
    return problem(say(`${label} needs the feature size (last axis) of its input to be known`, `${label} 需要知道输入的特征维度（最后一个轴）的大小`), { port: 'in' });
  }
  return undefined;
}

/**
 * Weights of a dense-gated cell (SimpleRNN: 1 gate, GRU: 3, LSTM: 4), in
 * tfjs/Keras order: `kernel [features, gates·units]`, `recurrent_kernel
 * [units, gates·units]`, `bias [gates·units]`; the gates side by side.
 */
export function gatedWeights(features: Dim, units: number, gates: number, useBias: boolean): WeightSpec[] {
  return [
    { name: 'kernel', shape: [features, gates * units], trainable: true },
    { name: 'recurrent_kernel', shape: [units, gates * units], trainable: true },
    ...(useBias ? [{ name: 'bias', shape: [gates * units], trainable: true }] : []),
  ];
}

/**
 * FLOPs of a dense-gated cell over a sequence, per sample: each gate is a
 * matmul of the input and one of the state (2 FLOPs per multiply-add), plus
 * `elementwisePerUnit` element-wise operations per unit and step. An unknown
 * or symbolic number of timesteps counts as one step.
 */
export function gatedFlops(input: Shape, units: number, gates: number, elementwisePerUnit: number): number {
  const steps = isKnown(input[1]!) ? (input[1] as number) : 1;
  const features = Number(input[2]);
  return steps * (2 * gates * units * (features + units) + elementwisePerUnit * units);
}

/** Which param starts which weight, for the usual kernel / recurrent kernel / bias trio. */
export const KERNEL_INITIALIZERS = { kernel: 'kernelInitializer', recurrent_kernel: 'recurrentInitializer', bias: 'biasInitializer' };

/**
 * The first weight whose initializer tfjs cannot apply to its shape (tfjs
 * throws when it builds the layer: `orthogonal` on a vector, `identity` on
 * anything but a square matrix), as a problem on that initializer's param.
 * `initializerParams` maps weight names to the params that start them.
 */
export function initializerProblem(label: string, weights: readonly WeightSpec[], params: object, initializerParams: Record<string, string>): ShapeResult | undefined {
  for (const weight of weights) {
    const param = initializerParams[weight.name];
    const initializer = param === undefined ? undefined : (params as Record<string, unknown>)[param];
    if (typeof initializer !== 'string') continue;
    const mismatch = initializerMismatch(initializer, weight.shape);
    if (mismatch) return problem(say(`${label} cannot start its ${weight.name.replace(/_/g, ' ')}: ${mismatch.en}`, `${label} 无法初始化 ${weight.name}：${mismatch.zh}`), { param });
  }
  return undefined;
}
