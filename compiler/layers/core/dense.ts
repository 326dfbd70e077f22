import { z } from 'zod';
import { Activation, Initializer, Units, UseBias } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { formatShape, knownProduct } from '../../shapes';
import { describeUnknown, describeUnknownZh, noInput } from './elementwise';
import { initializerMismatch } from './initializer-fit';
import { say } from '../../diagnostics';

export const Dense = defineLayer({
  kind: 'Dense',
  category: 'Core',
  help: 'Fully connected layer: output = activation(input · kernel + bias), applied to the last axis.',
  params: z.strictObject({
    units: Units,
    activation: Activation.default('linear'),
    useBias: UseBias,
    kernelInitializer: Initializer.default('glorotNormal').describe('how the kernel starts (tfjs defaults to glorotNormal, Keras to glorot_uniform)'),
    biasInitializer: Initializer.default('zeros').describe('how the bias starts'),
  }),
  inputs: {
    kind: 'fixed',
    ports: [{ name: 'in', minRank: 2 }],
  },
  inferShape: ({ inputs: [input], params, label }) => {
    if (!input) return noInput(label);
    const last = input.at(-1);
    if (typeof last !== 'number') {
      return problem(say(`${label} needs the size of the last axis of its input to be known, but it is ${describeUnknown(last)} in ${formatShape(input)}`, `${label} 需要知道输入最后一个轴的大小，但在 ${formatShape(input)} 中它是${describeUnknownZh(last)}`), { port: 'in' });
    }
    const kernel = initializerMismatch(params.kernelInitializer, [last, params.units]);
    if (kernel) return problem(say(`${label} cannot start its kernel: ${kernel.en}`, `${label} 无法初始化 kernel：${kernel.zh}`), { param: 'kernelInitializer' });
    const bias = params.useBias ? initializerMismatch(params.biasInitializer, [params.units]) : undefined;
    if (bias) return problem(say(`${label} cannot start its bias: ${bias.en}`, `${label} 无法初始化 bias：${bias.zh}`), { param: 'biasInitializer' });
    // One copy with the last axis replaced (not slice + spread): this runs for every Dense of every check.
    const output = input.slice();
    output[output.length - 1] = params.units;
    return shapes(output);
  },
  weights: ({ inputs: [input], params }) => {
    const kernel = { name: 'kernel', shape: [input!.at(-1)!, params.units], trainable: true };
    return params.useBias ? [kernel, { name: 'bias', shape: [params.units], trainable: true }] : [kernel];
  },
  // Per position (every axis but the batch and the last): a multiply-add per kernel entry, plus the bias.
  flops: ({ inputs: [input], params }) => {
    const positions = knownProduct(input!.slice(1, -1)) ?? NaN;
    return positions * (2 * Number(input!.at(-1)) * params.units + (params.useBias ? params.units : 0));
  },
  tfjs: {
    factory: 'dense',
    config: (p) => ({ units: p.units, activation: p.activation, useBias: p.useBias, kernelInitializer: p.kernelInitializer, biasInitializer: p.biasInitializer }),
  },
});

