import { z } from 'zod';
import { Units } from '../common';
import { defineLayer, problem, shapes } from '../definition';
import { say } from '../../diagnostics';

export const AttentionPooling = defineLayer({
  kind: 'AttentionPooling',
  category: 'Attention',
  help: 'Learns which timesteps matter: score = V(tanh(W x)), softmax over time, weighted sum. [batch, timesteps, features] → [batch, features].',
  params: z.strictObject({
    units: Units.describe('size of the hidden scoring layer W'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3 }] },
  inferShape: ({ inputs: [input], label }) => {
    const features = input![2];
    if (typeof features !== 'number') return problem(say(`${label} needs the feature size (last axis) of its input to be known`, `${label} 需要知道输入的特征维度（最后一个轴）的大小`), { port: 'in' });
    return shapes([input![0]!, features]);
  },
  weights: ({ inputs: [input], params }) => [
    { name: 'W_kernel', shape: [input![2]!, params.units], trainable: true },
    { name: 'W_bias', shape: [params.units], trainable: true },
    { name: 'V_kernel', shape: [params.units, 1], trainable: true },
    { name: 'V_bias', shape: [1], trainable: true },
  ],
  flops: ({ inputs: [input], params }) => {
    const steps = typeof input![1] === 'number' ? input![1] : 1;
    const features = Number(input![2]);
    return steps * (2 * features * params.units + 3 * params.units + 2 * params.units + 5 + 2 * features);
  },
  tfjs: { customClass: 'AttentionPooling', config: (p) => ({ units: p.units }) },
});
