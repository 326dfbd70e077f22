import type { CheckResult } from '../check';
import { diagnostics, say, type Diagnostic } from '../diagnostics';
import type { AnyLayerDefinition, NestedLayer } from '../layers/definition';
import { findLayer } from '../layers/registry';
import { resolveGraph, type ResolvedGraph, type ResolvedNode } from '../resolve';
import { formatShape, toTfjsShape } from '../shapes';
import { customLayerSources } from '../custom/sources.generated';
import { compileArgs } from './training-config';
import { commentText, Namespace, stringLiteral, valueLiteral } from './ts-syntax';

export type TypeScriptResult = { ok: true; source: string } | { ok: false; diagnostics: Diagnostic[] };

/** File-level names every scope must avoid. */
const GLOBAL_NAMES = ['buildModel', 'weightedLoss', 'LossFunction', ...Object.keys(customLayerSources)];

const UNTYPED_NULL = Symbol('null that tfjs types reject');

const isNested = (v: unknown): v is NestedLayer => typeof v === 'object' && v !== null && '$layer' in v;

/** Config without the keys whose value is the parameter's default: generated code reads like hand-written code. */
function essentialConfig(definition: AnyLayerDefinition, params: Record<string, unknown>): Record<string, unknown> {
  const config = definition.tfjs.config(params);
  const shape = definition.params.shape as Record<string, { def?: { type?: string; defaultValue?: unknown } }>;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(config)) {
    if (value === undefined) continue;
    const field = shape[key];
    if (field?.def?.type === 'default' && JSON.stringify(field.def.defaultValue) === JSON.stringify(value)) continue;
    out[key] = value;
  }
  return out;
}

/** `tf.layers.dense({ units: 10, name: 'dense' })`, or `new AttentionPooling({...})`. */
function layerExpression(definition: AnyLayerDefinition, params: Record<string, unknown>, extra: Record<string, unknown>, usedCustom: Set<string>, leading: Record<string, unknown> = {}): string {
  const config: Record<string, unknown> = { ...leading, ...essentialConfig(definition, params), ...extra };
  // tfjs's LayerArgs types omit `null` where its runtime gives it a meaning (Bidirectional's mergeMode: null keeps both directions).
  for (const [key, value] of Object.entries(config)) if (value === null) config[key] = UNTYPED_NULL;
  const literal = valueLiteral(config, (value) => {
    if (value === UNTYPED_NULL) return 'null as never';
    if (!isNested(value)) return undefined;
    const inner = findLayer(value.$layer.type)!;
    return layerExpression(inner, inner.params.parse(value.$layer.params) as Record<string, unknown>, {}, usedCustom);
  });
  if ('customClass' in definition.tfjs) {
    usedCustom.add(definition.tfjs.customClass);
    return `new ${definition.tfjs.customClass}(${literal})`;
  }
  return `tf.layers.${definition.tfjs.factory}(${literal})`;
}

interface Writer {
  lines: string[];
  usedCustom: Set<string>;
  blockFunctions: Map<string, string>;
  result: CheckResult;
  functionNames: Namespace;
}

const shapeOf = (result: CheckResult, id: string, port = 'out') => result.byId.get(id)?.outputs.find((o) => o.port === port)?.shape;

/**
 * A plain chain — one input, each layer feeding only the next — reads best as `tf.sequential`.
 * Its first layer carries the input as `inputShape`, so there must be one, its args must take
 * `inputShape` (a custom layer's do not), and the input must be float32 (a sequential has no
 * way to declare int32 token ids).
 */
function isPlainChain(graph: ResolvedGraph): boolean {
  if (graph.inputs.length !== 1 || graph.outputs.length !== 1) return false;
  if (graph.order.some((node) => node.sharesWeightsWith !== undefined)) return false; // a shared layer needs a name to be applied twice
  const [inputNode, firstLayer] = graph.order;
  if (!firstLayer?.definition || 'customClass' in firstLayer.definition.tfjs) return false;
  if (!inputNode?.params.ok || inputNode.params.value.dtype !== 'float32') return false;
  const consumers = new Map<string, number>();
  for (const node of graph.order) for (const input of node.inputs) consumers.set(input.source.node, (consumers.get(input.source.node) ?? 0) + 1);
  return graph.order.every((node, i) => {
    if (node.block) return false;
    if (i === 0) return node.node.type === 'Input';
    return node.inputs.length === 1 && node.outputPorts.length === 1 && node.inputs[0]!.source.node === graph.order[i - 1]!.node.id && (consumers.get(node.node.id) ?? 0) <= 1;
  }) && graph.outputs[0]!.node === graph.order.at(-1)!.node.id;
}

function writeSequential(w: Writer, graph: ResolvedGraph, modelName: string): string[] {
  const [input, ...layers] = graph.order;
  const inputShape = shapeOf(w.result, input!.node.id)!;
  const body = layers.map((node, i) => {
    const expression = layerExpression(node.definition!, node.params.ok ? node.params.value : {}, { name: node.name }, w.usedCustom, i === 0 ? { inputShape: toTfjsShape(inputShape.slice(1)) } : {});
    const shape = shapeOf(w.result, node.node.id);
    return `      ${expression},${shape ? ` // → ${commentText(formatShape(shape))}` : ''}`;
  });
  return [`  const model = tf.sequential({`, `    name: ${stringLiteral(modelName)},`, `    layers: [`, ...body, `    ],`, `  });`];
}

/**
 * Functional API: one `const` per tensor, named after its layer. A layer called
 * more than once (`sharesWeightsWith`) is a `const` of its own, declared before
 * its first call and applied at each.
 */
function writeFunctional(w: Writer, graph: ResolvedGraph, modelName: string, idPrefix: string, indent = '  '): { lines: string[]; modelVar: string } {
  const names = new Namespace([...GLOBAL_NAMES, 'name', ...w.blockFunctions.values()]);
  const tensors = new Map<string, string>();
  const lines: string[] = [];
  const callCounts = new Map<string, number>();
  for (const node of graph.order) if (node.sharesWeightsWith !== undefined) callCounts.set(node.sharesWeightsWith, (callCounts.get(node.sharesWeightsWith) ?? 1) + 1);
  const sharedLayers = new Map<string, string>();
  const layerOf = (node: ResolvedNode): string =>
    node.block ? `${blockFunction(w, node)}(${stringLiteral(node.name)})` : layerExpression(node.definition!, node.params.ok ? node.params.value : {}, { name: node.name }, w.usedCustom);
  for (const node of graph.order) {
    const id = node.node.id;
    const shape = shapeOf(w.result, idPrefix + id);
    const comment = shape ? ` // ${commentText(formatShape(shape))}` : '';
    if (node.node.type === 'Input') {
      const variable = names.create(node.name);
      tensors.set(`${id}\u0000out`, variable);
      const dtype = node.params.ok && node.params.value.dtype !== 'float32' ? `, dtype: ${stringLiteral(String(node.params.value.dtype))}` : '';
      lines.push(`${indent}const ${variable} = tf.input({ shape: ${valueLiteral(toTfjsShape(shape!.slice(1)))}${dtype}, name: ${stringLiteral(node.name)} });${comment}`);
      continue;
    }
    const args = node.inputs.map((i) => tensors.get(`${i.source.node}\u0000${i.source.port}`)!);
    const applied = args.length === 1 ? args[0]! : `[${args.join(', ')}]`;
    const owner = graph.nodes.get(node.sharesWeightsWith ?? id)!;
    let expression: string;
    const calls = callCounts.get(owner.node.id);
    if (calls === undefined) expression = layerOf(node);
    else {
      expression = sharedLayers.get(owner.node.id) ?? '';
      if (!expression) {
        expression = names.create(`${owner.name} layer`);
        sharedLayers.set(owner.node.id, expression);
        lines.push(`${indent}const ${expression} = ${layerOf(owner)}; // shared: called ${calls} times, one set of weights`);
      }
    }
    if (node.outputPorts.length === 1) {
      const variable = names.create(node.name);
      tensors.set(`${id}\u0000${node.outputPorts[0]}`, variable);
      lines.push(`${indent}const ${variable} = ${expression}.apply(${applied}) as tf.SymbolicTensor;${comment}`);
    } else {
      const variables = node.outputPorts.map((port, i) => names.create(i === 0 ? node.name : `${node.name} ${port}`));
      node.outputPorts.forEach((port, i) => tensors.set(`${id}\u0000${port}`, variables[i]!));
      lines.push(`${indent}const [${variables.join(', ')}] = ${expression}.apply(${applied}) as tf.SymbolicTensor[];`);
    }
  }
  const list = (refs: string[]) => (refs.length === 1 ? refs[0]! : `[${refs.join(', ')}]`);
  const inputs = list(graph.inputs.map((id) => tensors.get(`${id}\u0000out`)!));
  const outputs = list(graph.outputs.map((ref) => tensors.get(`${ref.node}\u0000${ref.port}`)!));
  const modelVar = names.create('model');
  lines.push(`${indent}const ${modelVar} = tf.model({ inputs: ${inputs}, outputs: ${outputs}, name: ${modelName} });`);
  return { lines, modelVar };
}

/** Each block is written once, as a function that builds it as a nested model. */
function blockFunction(w: Writer, node: ResolvedNode): string {
  const key = node.block!.key;
  const existing = w.blockFunctions.get(key);
  if (existing) return existing;
  const name = w.functionNames.create(`build ${key}`);
  w.blockFunctions.set(key, name);
  const def = node.block!.definition;
  const graph = resolveGraph({ nodes: def.nodes, edges: def.edges, outputs: def.outputs, inputOrder: def.inputs }, w.result.document.blocks);
  // Shapes of a block's inner nodes are those of its first use.
  const firstUse = w.result.nodes.find((r) => r.type === 'Block' && w.result.document.nodes.some((n) => n.id === r.id && n.params.block === key));
  const { lines, modelVar } = writeFunctional(w, graph, 'name', `${firstUse?.id ?? node.node.id}/`);
  w.lines.push(
    `/** Block ${commentText(stringLiteral(key))}${def.name ? `: ${commentText(def.name)}` : ''}, written once and used as a layer. */`,
    `function ${name}(name: string): tf.LayersModel {`,
    ...lines,
    `  return ${modelVar};`,
    `}`,
    ``,
  );
  return name;
}

function writeCompile(w: Writer, modelVar: string): string[] {
  const training = w.result.document.training;
  if (!training) return [];
  const args = compileArgs(training, w.result.graph.outputs);
  const loss =
    typeof args.loss === 'string'
      ? stringLiteral(args.loss)
      : `[${args.loss.map((l) => (typeof l === 'string' ? stringLiteral(l) : `weightedLoss(tf.metrics.${l.name}, ${l.weight})`)).join(', ')}]`;
  return [
    `  ${modelVar}.compile({`,
    `    optimizer: tf.train.${args.optimizer.factory}(${args.optimizer.args.join(', ')}),`,
    `    loss: ${loss},`,
    `    metrics: ${valueLiteral(args.metrics)},`,
    `  });`,
  ];
}

const WEIGHTED_LOSS_HELPER = [
  `type LossFunction = (yTrue: tf.Tensor, yPred: tf.Tensor) => tf.Tensor;`,
  ``,
  `/** tfjs's compile() has no lossWeights: scale the loss function instead. */`,
  `function weightedLoss(loss: LossFunction, weight: number): LossFunction {`,
  `  return (yTrue, yPred) => tf.mul(loss(yTrue, yPred), weight);`,
  `}`,
  ``,
];

/**
 * The checked graph as one standalone TypeScript file whose only import is
 * `@tensorflow/tfjs`: `buildModel()` returns the same model the tfjs emitter builds.
 */
export function emitTypeScript(result: CheckResult): TypeScriptResult {
  if (!result.ok) {
    const errors = result.diagnostics.filter((d) => d.severity === 'error').length;
    return { ok: false, diagnostics: [diagnostics.notCompilable(say(`The graph has ${errors} error(s); fix them before generating code`, `图中有 ${errors} 个错误；请先修正再生成代码`))] };
  }
  const { document, graph } = result;
  const w: Writer = { lines: [], usedCustom: new Set(), blockFunctions: new Map(), result, functionNames: new Namespace(GLOBAL_NAMES) };

  const body = isPlainChain(graph) ? writeSequential(w, graph, document.name) : null;
  const functional = body ? null : writeFunctional(w, graph, stringLiteral(document.name), '');
  const modelVar = functional?.modelVar ?? 'model';
  const compile = writeCompile(w, modelVar);
  const needsWeightedLoss = compile.some((l) => l.includes('weightedLoss('));

  const header = [
    `// Generated by Layerwire from ${commentText(stringLiteral(document.name))}. Edit the graph in Layerwire to change it.`,
    `import * as tf from '@tensorflow/tfjs';`,
    ``,
  ];
  const customClasses = [...w.usedCustom].sort().flatMap((name) => [customLayerSources[name]!, ``]);
  const params = result.totals.params.toLocaleString('en-US');
  const doc = [`/**`, ` * Builds ${commentText(document.name)}: ${params} parameters.`, ...(document.description ? [` * ${commentText(document.description)}`] : []), ` */`];
  const lines = [
    ...header,
    ...customClasses,
    ...(needsWeightedLoss ? WEIGHTED_LOSS_HELPER : []),
    ...w.lines,
    ...doc,
    `export function buildModel(): tf.LayersModel {`,
    ...(body ?? functional!.lines),
    ...compile,
    `  return ${modelVar};`,
    `}`,
    ``,
  ];
  return { ok: true, source: lines.join('\n') };
}
