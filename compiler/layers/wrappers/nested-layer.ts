import { z } from 'zod';
import type { Shape } from '../../../schemas/shape';
import { kerasConfigToParams } from '../../import/keras-config';
import { shapeProblem, type AnyLayerDefinition, type NestedLayer, type ShapeProblem, type ShapeResult } from '../definition';
import { say } from '../../diagnostics';
import { describeParamIssues } from '../../param-issues';
// A cycle (the registry lists the wrappers): only ever call `findLayer` inside functions.
import { findLayer } from '../registry';

/*
 * What the wrappers (Bidirectional, TimeDistributed) share: the `layer`
 * parameter that holds another layer kind and its params, checked here
 * against that kind's own schema so that a mistake is reported at its path
 * (`layer.params.units`) instead of failing the whole document.
 */

/** The `layer` parameter: `{ type, params }` of the wrapped layer, its params as the user wrote them. */
export const nestedLayerParam = <T extends z.ZodType<string>>(type: T, description: string) =>
  z
    .strictObject({
      type: type.describe('the wrapped layer kind'),
      params: z.record(z.string(), z.unknown()).default({}).describe('its parameters, as on a node of that kind'),
    })
    .describe(description);

export interface NestedLayerParams {
  type: string;
  params: Record<string, unknown>;
}

export interface ResolvedInner {
  definition: AnyLayerDefinition;
  params: Record<string, unknown>;
  /** How the inner layer is named in messages: `the LSTM inside Bidirectional 'bi'`. */
  label: string;
  /** The same in Chinese: `Bidirectional 'bi' 内部的 LSTM`. */
  labelZh: string;
}

/** The wrapped layer's definition and parsed params, or the problems that stop it, located at `layer.…`. */
export function resolveInner(layer: NestedLayerParams, label: string): ResolvedInner | { problems: ShapeProblem[] } {
  const definition = findLayer(layer.type);
  if (!definition) {
    const text = say(`layer.type: ${label} wraps an unknown layer type "${layer.type}"`, `layer.type：${label} 包装了未知的层类型 "${layer.type}"`);
    return { problems: [shapeProblem(text, { param: 'layer.type' })] };
  }
  const parsed = definition.params.safeParse(layer.params);
  if (!parsed.success) {
    const root = { layer: { params: layer.params } };
    return {
      problems: describeParamIssues(parsed.error.issues, root, ['layer', 'params']).map(({ path, text }) =>
        shapeProblem(say(`${path}: ${text.en} (in the ${layer.type} inside ${label})`, `${path}：${text.zh}（${label} 内部的 ${layer.type}）`), { param: path }),
      ),
    };
  }
  return { definition, params: parsed.data as Record<string, unknown>, label: `the ${layer.type} inside ${label}`, labelZh: `${label} 内部的 ${layer.type}` };
}

/** Re-locates the inner layer's problems and warnings on the wrapper: its params live under `layer.params`. */
export function relocate(problems: readonly ShapeProblem[]): ShapeProblem[] {
  return problems.map(({ fix: _fix, ...problem }) => ({
    ...problem,
    ...(problem.param !== undefined ? { param: `layer.params.${problem.param}` } : {}),
  }));
}

/** Runs the inner shape function; its problems come back located on the wrapper. */
export function innerShapes(inner: ResolvedInner, inputs: Shape[]): { shapes: Shape[]; warnings: ShapeProblem[] } | { problems: ShapeProblem[] } {
  const result = inner.definition.inferShape({ inputs, params: inner.params, label: inner.label });
  // Shape functions take one label; the Chinese text names the inner layer the Chinese way.
  const inChinese = (problems: readonly ShapeProblem[]) => problems.map((p) => ({ ...p, messageZh: p.messageZh.split(inner.label).join(inner.labelZh) }));
  if ('problems' in result) return { problems: relocate(inChinese(result.problems)) };
  return { shapes: result.shapes, warnings: relocate(inChinese(result.warnings ?? [])) };
}

/** The shape result with the inner layer's warnings carried along. */
export function withWarnings(output: Shape[], warnings: ShapeProblem[]): ShapeResult {
  return warnings.length ? { shapes: output, warnings } : { shapes: output };
}

/** The tfjs config entry for the wrapped layer: `compiler/emit/tfjs-layer.ts` builds it first. */
export const nestedConfig = (layer: NestedLayerParams): NestedLayer => ({ $layer: { type: layer.type, params: layer.params } });

/** Keras's `layer: {class_name, config}` → `{type, params}`, the config converted as that kind's own. */
export function nestedFromKeras(value: unknown): NestedLayerParams {
  const entry = (value ?? {}) as { class_name?: unknown; config?: unknown };
  const type = typeof entry.class_name === 'string' ? entry.class_name : '';
  const definition = findLayer(type);
  const config = entry.config && typeof entry.config === 'object' ? (entry.config as Record<string, unknown>) : {};
  return { type, params: definition ? kerasConfigToParams(definition, config).params : {} };
}

/** `SimpleRNN` → `simple_rnn`: how Keras names a layer of a kind by default, used in weight names. */
export const snakeCaseKind = (kind: string): string => kind.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();
