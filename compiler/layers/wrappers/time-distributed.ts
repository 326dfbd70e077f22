import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { formatShape, isKnown } from '../../shapes';
import { defineLayer, describeRank, outputPorts, problem, rankFits, type InputPort } from '../definition';
import { checkTimesteps } from '../recurrent/rnn-common';
import { innerShapes, nestedConfig, nestedFromKeras, nestedLayerParam, resolveInner, withWarnings } from './nested-layer';
import { say } from '../../diagnostics';

/** One timestep of a `[batch, timesteps, …]` input: what the wrapped layer sees. */
const oneStep = (input: Shape): Shape => [input[0]!, ...input.slice(2)];

export const TimeDistributed = defineLayer({
  kind: 'TimeDistributed',
  category: 'Core',
  help: 'Applies one layer to every timestep of a sequence with the same weights: [batch, timesteps, …] → [batch, timesteps, …that layer\'s output].',
  params: z.strictObject({
    layer: nestedLayerParam(z.string().min(1), 'the layer to apply at each timestep, e.g. {"type": "Dense", "params": {"units": 10}}'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 3 }] },
  inferShape: ({ inputs: [input], params, label }) => {
    const inner = resolveInner(params.layer, label);
    if ('problems' in inner) return inner;
    const type = params.layer.type;
    const ports = inner.definition.inputs.kind === 'fixed' ? inner.definition.inputs.ports : [];
    if (ports.length !== 1) {
      return problem(say(`layer.type: ${label} can only wrap a layer with exactly one input, but ${type} takes ${inner.definition.inputs.kind === 'variadic' ? 'several' : ports.length}`, `layer.type：${label} 只能包装恰好有一个输入的层，但 ${type} 有${inner.definition.inputs.kind === 'variadic' ? '多' : ` ${ports.length} `}个输入`), {
        param: 'layer.type',
      });
    }
    const outputs = outputPorts(inner.definition, inner.params);
    if (outputs.length !== 1) {
      return problem(say(`layer: ${label} passes on one output per timestep, but its ${type} has ${outputs.length} (${outputs.join(', ')}); turn off returnState`, `layer：${label} 每个时间步只传递一个输出，但其 ${type} 有 ${outputs.length} 个（${outputs.join(', ')}）；请关闭 returnState`), {
        param: 'layer',
      });
    }
    const step = oneStep(input!);
    const port = ports[0] as InputPort;
    if (!rankFits(port, step.length)) {
      const wrapped = { rank: port.rank && port.rank + 1, minRank: port.minRank && port.minRank + 1, maxRank: port.maxRank && port.maxRank + 1 };
      return problem(
        say(`${label} gives its ${type} one timestep of shape ${formatShape(step)}, but ${type} needs ${describeRank(port).en} input; TimeDistributed(${type}) needs ${describeRank(wrapped).en} input [batch, timesteps, …]`, `${label} 每次交给 ${type} 一个形状为 ${formatShape(step)} 的时间步，但 ${type} 需要${describeRank(port).zh}输入；TimeDistributed(${type}) 需要${describeRank(wrapped).zh}输入 [batch, timesteps, …]`),
        { port: 'in' },
      );
    }
    const timesteps = checkTimesteps(input!, label);
    if (timesteps) return timesteps;
    const result = innerShapes(inner, [step]);
    if ('problems' in result) return result;
    const out = result.shapes[0]!;
    return withWarnings([[out[0]!, input![1]!, ...out.slice(1)]], result.warnings);
  },
  weights: ({ inputs: [input], params }) => {
    const inner = resolveInner(params.layer, '');
    if ('problems' in inner || !inner.definition.weights) return [];
    return inner.definition.weights({ inputs: [oneStep(input!)], params: inner.params });
  },
  // The wrapped layer once per timestep; an unknown number of timesteps counts as one.
  flops: ({ inputs: [input], outputs: [output], params }) => {
    const inner = resolveInner(params.layer, '');
    if ('problems' in inner || !inner.definition.flops) return 0;
    const steps = isKnown(input![1]!) ? (input![1] as number) : 1;
    return steps * inner.definition.flops({ inputs: [oneStep(input!)], outputs: [oneStep(output!)], params: inner.params });
  },
  tfjs: {
    factory: 'timeDistributed',
    config: (p) => ({ layer: nestedConfig(p.layer) }),
  },
  fromKeras: (config) => ({ layer: nestedFromKeras(config.layer) }),
});
