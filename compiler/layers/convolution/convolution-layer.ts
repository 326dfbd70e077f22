import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { tuple } from '../../shapes';
import { Activation, UseBias, type DataFormat } from '../common';
import { defineLayer, paramsAsConfig, type CostContext, type WeightSpec } from '../definition';
import { BiasInitializer, ConvDataFormat, ConvPadding, dilationRate, Filters, KernelInitializer, kernelSize, strides } from './conv-fields';
import { convolutionFlops, convolve, inputChannels } from './convolve';
import { addChannelsAxis } from './spatial';

/**
 * Conv1D, Conv2D and Conv3D are one layer at three ranks (ONNX's `FillUsing`
 * pattern): the same parameters, weights and cost, and a tfjs config that is the parameters as they are. Conv2D and
 * Conv3D are made whole by `convolutionLayer`; Conv1D takes the parts and adds
 * its own padding and data-format rules.
 */
type SpatialRank = 1 | 2 | 3;

/** The parameter fields, in tfjs-layers' order; Conv1D replaces `padding` with its own (it has "causal"). */
export const convolutionParams = (rank: SpatialRank) => ({
  filters: Filters,
  kernelSize: kernelSize(rank),
  strides: strides(rank),
  padding: ConvPadding,
  dataFormat: ConvDataFormat,
  dilationRate: dilationRate(rank),
  activation: Activation.default('linear'),
  useBias: UseBias,
  kernelInitializer: KernelInitializer.default('glorotNormal').describe('how the kernel starts (tfjs default: glorotNormal)'),
  biasInitializer: BiasInitializer.default('zeros').describe('how the bias starts'),
});

/** What sizing the kernel needs of the parameters. */
interface KernelParams {
  filters: number;
  kernelSize: number | number[];
  dataFormat: DataFormat;
  useBias: boolean;
}

/** `kernel` [...kernelSize, inChannels, filters] and `bias` [filters], in tfjs's getWeights() order. */
export const convolutionWeights =
  (rank: SpatialRank) =>
  ({ inputs: [input], params }: { inputs: Shape[]; params: KernelParams }): WeightSpec[] => [
    { name: 'kernel', shape: [...tuple(params.kernelSize, rank), inputChannels(input!, params.dataFormat), params.filters], trainable: true },
    ...(params.useBias ? [{ name: 'bias', shape: [params.filters], trainable: true }] : []),
  ];

export const convolutionCost =
  (rank: SpatialRank) =>
  ({ inputs: [input], outputs: [output], params }: CostContext<KernelParams>): number =>
    convolutionFlops(output!, Number(inputChannels(input!, params.dataFormat)), tuple(params.kernelSize, rank), params.useBias);

/** Conv2D or Conv3D: filters slid over `rank` spatial axes of a channels-last (or -first) input. */
export const convolutionLayer = (kind: string, rank: 2 | 3, factory: string, help: string) =>
  defineLayer({
    kind,
    category: 'Convolution',
    help,
    params: z.strictObject(convolutionParams(rank)),
    inputs: { kind: 'fixed', ports: [{ name: 'in', rank: rank + 2, fixForRank: addChannelsAxis(rank + 2) }] },
    inferShape: ({ inputs: [input], params, label }) => convolve(input!, { rank, ...params, outChannels: () => params.filters }, label),
    weights: convolutionWeights(rank),
    flops: convolutionCost(rank),
    tfjs: { factory, config: paramsAsConfig },
  });
