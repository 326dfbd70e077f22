import { z } from 'zod';
import { Padding1D } from '../common';
import { defineLayer, paramsAsConfig, type ShapeProblem } from '../definition';
import { convolve } from './convolve';
import { convolutionCost, convolutionParams, convolutionWeights } from './convolution-layer';
import { addChannelsAxis } from './spatial';

export const Conv1D = defineLayer({
  kind: 'Conv1D',
  category: 'Convolution',
  help: 'Slides learned filters along a sequence: [batch, steps, channels] → [batch, newSteps, filters].',
  params: z.strictObject({
    ...convolutionParams(1),
    padding: Padding1D.default('valid').describe('"valid": no padding; "same": keep the length at stride 1; "causal": pad only at the start (tfjs-layers cannot run it)'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', rank: 3, fixForRank: addChannelsAxis(3) }] },
  inferShape: ({ inputs: [input], params, label }) => {
    // tfjs-layers accepts both settings when building a model but cannot run them.
    const unsupported: ShapeProblem[] = [];
    if (params.padding === 'causal') {
      unsupported.push({
        message: `${label} uses padding "causal", which tfjs-layers cannot run (its Conv1D throws when called, and sizes the output as if "valid"); use padding "valid" on a sequence padded at the start, or "same"`,
        messageZh: `${label} 使用了 padding \"causal\"，tfjs-layers 无法运行它（其 Conv1D 调用时会抛出异常，并按 \"valid\" 计算输出尺寸）；请对在开头补齐过的序列使用 padding \"valid\"，或使用 \"same\"`,
        param: 'padding',
      });
    }
    if (params.dataFormat === 'channelsFirst') {
      unsupported.push({
        message: `${label} uses dataFormat "channelsFirst", which tfjs-layers' Conv1D gets wrong (it returns channels-last data and drops the setting when saved); use "channelsLast" and a Permute before it`,
        messageZh: `${label} 使用了 dataFormat \"channelsFirst\"，tfjs-layers 的 Conv1D 对此处理有误（它返回通道在后的数据，且保存时会丢掉该设置）；请使用 \"channelsLast\"，并在前面加一个 Permute`,
        param: 'dataFormat',
      });
    }
    if (unsupported.length > 0) return { problems: unsupported };
    return convolve(input!, { rank: 1, ...params, padding: params.padding as 'valid' | 'same', outChannels: () => params.filters }, label);
  },
  weights: convolutionWeights(1),
  flops: convolutionCost(1),
  tfjs: { factory: 'conv1d', config: paramsAsConfig },
});
