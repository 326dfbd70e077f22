import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { Activation, DataFormat, Initializer, Padding, PositiveInt, SizeTuple, UseBias } from '../common';
import { defineLayer, paramsAsConfig, problem, shapes, type WeightSpec } from '../definition';
import { isKnown, knownProduct, tuple } from '../../shapes';
import { channelAxis, slideWindow } from '../convolution/spatial';
import { checkTimesteps, Dropout, GoBackwards, initializerProblem, KERNEL_INITIALIZERS, RecurrentDropout, sequenceOutputShapes, sequencePorts } from './rnn-common';
import { say } from '../../diagnostics';

/** Channel axis of a `[batch, timesteps, …]` sequence of images. */
const sequenceChannelAxis = (dataFormat: DataFormat) => 1 + channelAxis(4, dataFormat);

/** tfjs/Keras order: the four gates' kernels side by side on the last axis, for the input and for the state. */
function convLstmWeights(input: Shape, p: { kernelSize: number | number[]; filters: number; useBias: boolean; dataFormat: DataFormat }): WeightSpec[] {
  const kernel = tuple(p.kernelSize, 2);
  return [
    { name: 'kernel', shape: [...kernel, input[sequenceChannelAxis(p.dataFormat)]!, 4 * p.filters], trainable: true },
    { name: 'recurrent_kernel', shape: [...kernel, p.filters, 4 * p.filters], trainable: true },
    ...(p.useBias ? [{ name: 'bias', shape: [4 * p.filters], trainable: true }] : []),
  ];
}

export const ConvLSTM2D = defineLayer({
  kind: 'ConvLSTM2D',
  category: 'Recurrent',
  help: 'LSTM whose gates are convolutions, over a sequence of images [batch, timesteps, height, width, channels] → [batch, newHeight, newWidth, filters] (every step with returnSequences).',
  params: z.strictObject({
    filters: PositiveInt.describe('number of output channels (the state has as many)'),
    kernelSize: SizeTuple(2).describe('height and width of each filter, e.g. 3 or [3, 3]'),
    strides: SizeTuple(2).default(1).describe('step between filter positions on the input (the state convolution always uses 1)'),
    padding: Padding.default('valid').describe('"valid": no padding; "same": pad so that stride 1 keeps height and width'),
    dataFormat: DataFormat.default('channelsLast').describe('where the channels axis is: last ([batch, t, h, w, c]) or after the timesteps ([batch, t, c, h, w])'),
    dilationRate: SizeTuple(2).default(1).describe('spacing between filter taps on the input; >1 widens the view without more weights'),
    activation: Activation.default('tanh').describe('activation of the cell input and of the output'),
    recurrentActivation: Activation.default('hardSigmoid').describe('activation of the gates (tfjs defaults to hardSigmoid, Keras to sigmoid)'),
    useBias: UseBias,
    unitForgetBias: z.boolean().default(false).describe('start the forget gate bias at 1 (tfjs leaves it off unless set; Keras turns it on)'),
    returnSequences: z.boolean().default(false).describe('output every timestep ([batch, timesteps, h, w, filters]) instead of the last'),
    returnState: z.boolean().default(false).describe('also output the final hidden and cell states'),
    goBackwards: GoBackwards,
    dropout: Dropout,
    recurrentDropout: RecurrentDropout,
    kernelInitializer: Initializer.default('glorotNormal').describe('how the input kernel starts (tfjs defaults to glorotNormal, Keras to glorotUniform)'),
    recurrentInitializer: Initializer.default('orthogonal').describe('how the recurrent kernel starts'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 5 }] },
  outputs: (p) => sequencePorts(p, ['stateH', 'stateC']),
  inferShape: ({ inputs: [input], params, label }) => {
    const strides = tuple(params.strides, 2);
    const dilation = tuple(params.dilationRate, 2);
    if (strides.some((s) => s > 1) && dilation.some((d) => d > 1)) {
      // tfjs builds it, then its conv2d refuses at the first step.
      return problem(say(`${label} cannot have both strides > 1 and dilationRate > 1 (tfjs refuses it)`, `${label} 不能同时设置 strides > 1 和 dilationRate > 1（tfjs 不允许）`), { param: 'dilationRate' });
    }
    const channels = input![sequenceChannelAxis(params.dataFormat)]!;
    if (!isKnown(channels)) {
      return problem(say(`${label} needs to know how many channels its input has, but the channel axis is ${channels === null ? 'unknown' : `"${channels}"`}`, `${label} 需要知道输入的通道数，但通道轴是${channels === null ? '未知的' : ` \"${channels}\"`}`), { port: 'in' });
    }
    const refused = checkTimesteps(input!, label) ?? initializerProblem(label, convLstmWeights(input!, params), params, KERNEL_INITIALIZERS);
    if (refused) return refused;
    // One timestep, [batch, h, w, c], goes through the input convolution; the state keeps its size.
    const step = slideWindow([input![0]!, ...input!.slice(2)], {
      window: tuple(params.kernelSize, 2),
      strides,
      dilation,
      padding: params.padding,
      dataFormat: params.dataFormat,
      channels: params.filters,
      windowName: 'kernel',
      windowParam: 'kernelSize',
    }, label);
    if ('problems' in step) return step;
    return shapes(...sequenceOutputShapes(input!, step.shape.slice(1), params, 2));
  },
  weights: ({ inputs: [input], params }) => convLstmWeights(input!, params),
  flops: ({ inputs: [input], outputs: [output], params }) => {
    // Per step and output position: four input convolutions, four state convolutions
    // (each 2 FLOPs per tap and channel), and about ten element-wise operations per filter.
    const steps = isKnown(input![1]!) ? (input![1] as number) : 1;
    const stateShape = params.returnSequences ? output!.slice(2) : output!.slice(1);
    const positions = (knownProduct(stateShape) ?? 0) / params.filters;
    const taps = tuple(params.kernelSize, 2).reduce((a, b) => a * b, 1);
    const inChannels = Number(input![sequenceChannelAxis(params.dataFormat)]);
    const perPosition = 2 * 4 * params.filters * taps * (inChannels + params.filters) + 10 * params.filters;
    return steps * positions * perPosition;
  },
  tfjs: {
    factory: 'convLstm2d',
    config: paramsAsConfig,
  },
});
