import type { z } from 'zod';
import type { Dim, Shape } from '../../schemas/shape';
import type { FixDraft, Text } from '../diagnostics';

export const CATEGORIES = [
  'Input',
  'Core',
  'Convolution',
  'Pooling',
  'Recurrent',
  'Attention',
  'Merge',
  'Normalization',
  'Regularization',
  'Activation',
  'Reshape',
  'Blocks',
] as const;
export type Category = (typeof CATEGORIES)[number];

/** An input contract as data, like tfjs's `InputSpec`: exact rank or a range. */
export interface RankSpec {
  rank?: number;
  minRank?: number;
  maxRank?: number;
}

export interface InputPort extends RankSpec {
  name: string;
  /** Suggested repair when the rank is wrong, e.g. insert Flatten. */
  fixForRank?: (actual: Shape) => Omit<Extract<FixDraft, { kind: 'insert-node' }>, 'before'> | undefined;
}

/** Fixed named ports, or a merge layer's `in0`, `in1`, … in order. */
export type InputPorts =
  | { kind: 'fixed'; ports: InputPort[] }
  | ({ kind: 'variadic'; min: number } & RankSpec);

export const SINGLE_INPUT = (spec: RankSpec = {}, fixForRank?: InputPort['fixForRank']): InputPorts => ({
  kind: 'fixed',
  ports: [{ name: 'in', ...spec, fixForRank }],
});

/**
 * A problem the shape function found; `check` turns it into a located diagnostic.
 * Both languages are required, so no layer can leave a Chinese reader with English.
 */
export interface ShapeProblem {
  /** English. */
  message: string;
  /** The same, in Simplified Chinese. */
  messageZh: string;
  severity?: 'error' | 'warning';
  /** The input port or parameter it is about, so the editor can point at it. */
  port?: string;
  param?: string;
  fix?: FixDraft;
}

type Where = Omit<ShapeProblem, 'message' | 'messageZh'>;

/** `shapeProblem(say(en, zh), { param: 'axis' })`: one problem, or a warning with `severity: 'warning'`. */
export const shapeProblem = (text: Text, where: Where = {}): ShapeProblem => ({ message: text.en, messageZh: text.zh, ...where });

export type ShapeResult = { shapes: Shape[]; warnings?: ShapeProblem[] } | { problems: ShapeProblem[] };

export const shapes = (...result: Shape[]): ShapeResult => ({ shapes: result });
export const problem = (text: Text, where: Where = {}): ShapeResult => ({ problems: [shapeProblem(text, where)] });

export interface ShapeContext<P> {
  /** Input shapes in port order, batch dimension first. */
  inputs: Shape[];
  params: P;
  /** `Conv2D 'conv1'`: how messages name the node. */
  label: string;
  /** Element type of each input: an Input's declared dtype, float32 after any other layer. */
  inputDtypes?: readonly DType[];
}

export type DType = 'float32' | 'int32';

export interface WeightSpec {
  name: string;
  shape: Dim[];
  trainable: boolean;
}

export interface CostContext<P> {
  inputs: Shape[];
  outputs: Shape[];
  params: P;
}

/** A nested layer inside a wrapper's config (Bidirectional, TimeDistributed). */
export interface NestedLayer {
  $layer: { type: string; params: Record<string, unknown> };
}

export interface LayerDefinition<S extends z.ZodObject = z.ZodObject> {
  /** The tfjs/Keras class name; also the node `type` in documents. */
  kind: string;
  category: Category;
  /** One sentence for the palette and inspector. */
  help: string;
  /** Parameters with defaults and descriptions; names follow tfjs-layers. */
  params: S;
  inputs: InputPorts;
  /** Output port names; `['out']` unless the layer has several. */
  outputs?: (params: z.infer<S>) => string[];
  inferShape: (ctx: ShapeContext<z.infer<S>>) => ShapeResult;
  /** Weights in tfjs/Keras `getWeights()` order; the parameter count is derived from it. */
  weights?: (ctx: { inputs: Shape[]; params: z.infer<S> }) => WeightSpec[];
  /** Floating-point operations for one sample (a multiply-add counts as 2). */
  flops?: (ctx: CostContext<z.infer<S>>) => number;
  tfjs: { factory: string; config: (params: z.infer<S>) => Record<string, unknown> } | { customClass: string; config: (params: z.infer<S>) => Record<string, unknown> };
  /** Keras config → params, where it is not just snake_case → camelCase of known fields. */
  fromKeras?: (config: Record<string, unknown>) => Record<string, unknown>;
}

/** Keeps each definition's parameter type while the registry holds them all. */
export function defineLayer<S extends z.ZodObject>(definition: LayerDefinition<S>): LayerDefinition<S> {
  return definition;
}

/** `tfjs.config` for kinds whose every parameter has the same name and meaning in tfjs-layers. */
export const paramsAsConfig = (params: object): Record<string, unknown> => ({ ...params });

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyLayerDefinition = LayerDefinition<any>;

export function outputPorts(definition: AnyLayerDefinition, params: unknown): string[] {
  return definition.outputs ? definition.outputs(params) : ['out'];
}

/** "a rank-2" / " 2 阶": how a message names the rank an input port accepts. */
export function describeRank(spec: RankSpec): Text {
  if (spec.rank !== undefined) return { en: `a rank-${spec.rank}`, zh: ` ${spec.rank} 阶` };
  if (spec.minRank !== undefined && spec.maxRank !== undefined) return { en: `a rank-${spec.minRank} to rank-${spec.maxRank}`, zh: ` ${spec.minRank} 到 ${spec.maxRank} 阶` };
  if (spec.minRank !== undefined) return { en: `a rank-${spec.minRank} or higher`, zh: ` ${spec.minRank} 阶或更高阶` };
  if (spec.maxRank !== undefined) return { en: `a rank-${spec.maxRank} or lower`, zh: ` ${spec.maxRank} 阶或更低阶` };
  return { en: 'an', zh: '' };
}

export function rankFits(spec: RankSpec, rank: number): boolean {
  if (spec.rank !== undefined && rank !== spec.rank) return false;
  if (spec.minRank !== undefined && rank < spec.minRank) return false;
  if (spec.maxRank !== undefined && rank > spec.maxRank) return false;
  return true;
}
