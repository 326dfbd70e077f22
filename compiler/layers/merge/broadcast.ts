import { z } from 'zod';
import type { Dim, Shape } from '../../../schemas/shape';
import { say, type FixDraft } from '../../diagnostics';
import { defineLayer, problem, shapes, type ShapeResult } from '../definition';
import { formatShape } from '../../shapes';
import { valuesPerSample } from '../core/elementwise';

/** Where two shapes fail to broadcast: the axis, counted from the last (1 is the last), and the two sizes. */
interface Clash {
  fromEnd: number;
  before: number;
  incoming: number;
}

/** One axis of tfjs's element-wise broadcasting; a symbol survives where tfjs sees only "unknown". */
function broadcastDim(a: Dim, b: Dim): Dim {
  if (typeof a === 'number' && typeof b === 'number') return a === 1 ? b : a;
  if (a === b) return a;
  if (a === 1 && typeof b === 'string') return b;
  if (b === 1 && typeof a === 'string') return a;
  return null;
}

/**
 * One step of tfjs's `computeElementwiseOpOutputShape` on shapes without the
 * batch axis: aligned from the last axis, a size broadcasts against 1 or an
 * equal size; an unknown size makes that axis unknown (even against a known
 * size, as tfjs has it). A named symbol survives where tfjs's answer is
 * unknown only because tfjs cannot see names: against itself or against 1.
 */
function broadcastPair(before: Dim[], incoming: Dim[]): { shape: Dim[] } | { clash: Clash } {
  const rank = Math.max(before.length, incoming.length);
  const shape: Dim[] = [];
  for (let fromEnd = rank; fromEnd >= 1; fromEnd--) {
    // The shorter shape has no axis here: the longer one's size stands.
    if (fromEnd > before.length) {
      shape.push(incoming[incoming.length - fromEnd]!);
      continue;
    }
    if (fromEnd > incoming.length) {
      shape.push(before[before.length - fromEnd]!);
      continue;
    }
    const a = before[before.length - fromEnd]!;
    const b = incoming[incoming.length - fromEnd]!;
    if (typeof a === 'number' && typeof b === 'number' && a !== 1 && b !== 1 && a !== b) return { clash: { fromEnd, before: a, incoming: b } };
    shape.push(broadcastDim(a, b));
  }
  return { shape };
}

/** tfjs's batch rule for merges: at most one known batch size; the output takes it, or stays unknown. */
function mergedBatch(batches: Dim[]): { batch: Dim } | { sizes: number[] } {
  const sizes = [...new Set(batches.filter((b): b is number => typeof b === 'number'))];
  if (sizes.length > 1) return { sizes };
  if (sizes.length === 1) return { batch: sizes[0]! };
  const first = batches[0] ?? null;
  return { batch: typeof first === 'string' && batches.every((b) => b === first) ? first : null };
}

const listShapes = (inputs: Shape[], and = ' and ') =>
  inputs.length === 2 ? `${formatShape(inputs[0]!)}${and}${formatShape(inputs[1]!)}` : `${inputs.slice(0, -1).map(formatShape).join(', ')}${and}${formatShape(inputs.at(-1)!)}`;
const listShapesZh = (inputs: Shape[]) => listShapes(inputs, ' 和 ');

/** The output shape of an element-wise merge (Add, Multiply, …), exactly as tfjs computes it, or why there is none. */
export function broadcastShapes(inputs: Shape[], label: string, kind: string): ShapeResult {
  if (inputs.length < 2) return problem(say(`${label} merges at least 2 inputs but has ${inputs.length}`, `${label} 至少需要合并 2 个输入，但只有 ${inputs.length} 个`));
  const batch = mergedBatch(inputs.map((s) => s[0] ?? null));
  if ('sizes' in batch) return problem(say(`${label} cannot merge different batch sizes (${batch.sizes.join(' and ')}): ${listShapes(inputs)}`, `${label} 无法合并不同的批次大小（${batch.sizes.join(' 和 ')}）：${listShapesZh(inputs)}`));
  let shape: Dim[] = inputs[0]!.slice(1);
  for (let n = 1; n < inputs.length; n++) {
    const step = broadcastPair(shape, inputs[n]!.slice(1));
    if ('clash' in step) return clashProblem(inputs, n, step.clash, label, kind);
    shape = step.shape;
  }
  return shapes([batch.batch, ...shape]);
}

function clashProblem(inputs: Shape[], n: number, clash: Clash, label: string, kind: string): ShapeResult {
  const axis = inputs[n]!.length - clash.fromEnd;
  const others = n === 1 ? 'in0 has' : `in0…in${n - 1} have`;
  const othersZh = n === 1 ? ' in0 ' : ` in0…in${n - 1} `;
  return problem(
    say(`${label} needs its inputs to have the same shape, but gets ${listShapes(inputs)}: axis ${axis} of in${n} is ${clash.incoming} where ${others} ${clash.before} (sizes must match, or one be 1 to broadcast)`, `${label} 要求输入形状相同，但实际为 ${listShapesZh(inputs)}：in${n} 的轴 ${axis} 为 ${clash.incoming}，而${othersZh}为 ${clash.before}（尺寸必须相同，或其中一个为 1 以便广播）`),
    { port: `in${n}`, ...withFix(projectLastAxis(n, clash, kind)) },
  );
}

const withFix = (fix: FixDraft | undefined) => (fix ? { fix } : {});

/** When the feature sizes differ, a Dense on the odd input makes them agree. */
function projectLastAxis(n: number, clash: Clash, kind: string): FixDraft | undefined {
  // A zero-size feature axis (a shape like [null, 0]) is fixed upstream; Dense(0) would be refused in turn.
  if (clash.fromEnd !== 1 || clash.before < 1) return undefined;
  const units = clash.before;
  return { kind: 'insert-node', title: `Insert Dense(${units}) before ${kind}'s in${n} so that it has ${units} features too`,
        titleZh: `在 ${kind} 的 in${n} 之前插入 Dense(${units})，使其特征数也为 ${units}`, before: { node: '', port: `in${n}` }, type: 'Dense', params: { units } };
}

/**
 * One element-wise merge kind (the way ONNX generates a family of ops from
 * one schema): no parameters, any number of inputs from 2, tfjs broadcasting.
 * `flopsPerValue(n)`: operations per output value when merging n inputs.
 */
export function elementwiseMerge(spec: { kind: string; factory: string; help: string; flopsPerValue: (inputs: number) => number }) {
  return defineLayer({
    kind: spec.kind,
    category: 'Merge',
    help: spec.help,
    params: z.strictObject({}),
    inputs: { kind: 'variadic', min: 2 },
    inferShape: ({ inputs, label }) => broadcastShapes(inputs, label, spec.kind),
    flops: ({ inputs, outputs: [output] }) => spec.flopsPerValue(inputs.length) * valuesPerSample(output),
    tfjs: { factory: spec.factory, config: () => ({}) },
  });
}
