import { z } from 'zod';
import type { Dim } from '../../../schemas/shape';
import { Initializer, PositiveInt } from '../common';
import { defineLayer, problem, type ShapeProblem, type WeightSpec } from '../definition';
import { formatShape, isKnown } from '../../shapes';
import { initializerProblem } from '../recurrent/rnn-common';
import { say } from '../../diagnostics';

/**
 * The dtypes of a node's inputs, where the checker knows them (an Input's
 * `dtype`). `ShapeContext` does not carry them yet; until it does, Embedding
 * cannot tell token ids from floats and says so.
 */

/** One row of outputDim values per token id. */
const embeddingTable = (p: { inputDim: number; outputDim: number }): WeightSpec => ({ name: 'embeddings', shape: [p.inputDim, p.outputDim], trainable: true });

export const Embedding = defineLayer({
  kind: 'Embedding',
  category: 'Core',
  help: 'Looks up a learned vector for each integer token id: [batch, length] of ids in 0…inputDim-1 → [batch, length, outputDim].',
  params: z.strictObject({
    inputDim: PositiveInt.describe('vocabulary size: token ids run from 0 to inputDim - 1'),
    outputDim: PositiveInt.describe('length of each embedding vector'),
    embeddingsInitializer: Initializer.default('randomUniform').describe('how the embedding table starts'),
    maskZero: z.boolean().default(false).describe('treat id 0 as padding that later mask-aware layers (RNNs) skip; real ids then start at 1, so inputDim is the vocabulary size + 1'),
    inputLength: z
      .union([PositiveInt, z.array(PositiveInt).min(1)])
      .optional()
      .describe('length of the id sequences, when fixed (one number per axis for rank > 2); it must agree with the input shape'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 2 }] },
  inferShape: (ctx) => {
    const { inputs: [input], params, label } = ctx;
    let lengths: Dim[] = input!.slice(1);
    if (params.inputLength !== undefined) {
      const declared = typeof params.inputLength === 'number' ? [params.inputLength] : params.inputLength;
      if (declared.length !== lengths.length) {
        return problem(say(`${label}'s inputLength ${JSON.stringify(params.inputLength)} gives ${declared.length} length${declared.length === 1 ? '' : 's'}, but its input ${formatShape(input!)} has ${lengths.length} axes after the batch`, `${label} 的 inputLength ${JSON.stringify(params.inputLength)} 给出了 ${declared.length} 个长度，但其输入 ${formatShape(input!)} 在批次轴之后有 ${lengths.length} 个轴`), {
          param: 'inputLength',
        });
      }
      const clash = declared.findIndex((d, i) => isKnown(lengths[i]!) && lengths[i] !== d);
      if (clash >= 0) {
        return problem(say(`${label}'s inputLength ${JSON.stringify(params.inputLength)} contradicts its input ${formatShape(input!)} on axis ${clash + 1}`, `${label} 的 inputLength ${JSON.stringify(params.inputLength)} 与其输入 ${formatShape(input!)} 在轴 ${clash + 1} 上矛盾`), { param: 'inputLength' });
      }
      // As tfjs: a declared length names the size where the input leaves it open.
      lengths = declared;
    }
    const table = initializerProblem(label, [embeddingTable(params)], params, { embeddings: 'embeddingsInitializer' });
    if (table) return table;
    const dtype = ctx.inputDtypes?.[0];
    const warnings: ShapeProblem[] = [];
    if (dtype !== 'int32') {
      warnings.push({
        message:
          dtype === undefined
            ? `${label} looks up integer token ids; make sure its input carries them (an Input with dtype int32): tfjs silently truncates floats to ids`
            : `${label} gets ${dtype} values, which tfjs silently truncates to integer ids; feed it token ids from an Input with dtype int32`,
        messageZh:
          dtype === undefined
            ? `${label} 按整数 token id 查表；请确保输入是 token id（dtype 为 int32 的 Input）：tfjs 会把浮点数静默截断为 id`
            : `${label} 收到的是 ${dtype} 值，tfjs 会把它们静默截断为整数 id；请从 dtype 为 int32 的 Input 输入 token id`,
        severity: 'warning',
        port: 'in',
      });
    }
    return { shapes: [[input![0]!, ...lengths, params.outputDim]], warnings };
  },
  weights: ({ params }) => [embeddingTable(params)],
  // A table lookup: no arithmetic.
  flops: () => 0,
  tfjs: {
    factory: 'embedding',
    config: (p) => ({ inputDim: p.inputDim, outputDim: p.outputDim, embeddingsInitializer: p.embeddingsInitializer, maskZero: p.maskZero, inputLength: p.inputLength }),
  },
});
