import type { GraphDocument, PortRef } from '../schemas/graph';
import type { Shape } from '../schemas/shape';
import { diagnostics, say, type Diagnostic, type FixDraft, type Text } from './diagnostics';
import { describeRank, rankFits, type AnyLayerDefinition, type InputPort, type DType, type RankSpec, type ShapeProblem, type WeightSpec } from './layers/definition';
import { weightSpecs } from './cost';
import { resolveEdit, resolveGraph, type GraphBody, type ResolvedGraph, type ResolvedNode } from './resolve';
import { formatShape, isKnown, productOfKnown } from './shapes';
import { sameItems } from './same-items';
import { checkTraining } from './check-training';
import { checkBudget } from './check-budget';

/** What check learned about one node: torch.fx's `meta`, kept beside the IR. */
export interface NodeReport {
  /** Node id; inner nodes of a block use `outerId/innerId`. */
  id: string;
  name: string;
  type: string;
  /** The Block node this node sits in, for inner nodes. */
  parent?: string;
  /** One entry per output port; `shape` is missing where it could not be inferred. */
  outputs: { port: string; shape?: Shape }[];
  /** Weight layout (tfjs `getWeights()` order); empty when unknown or weightless, and for a node that shares another's weights. */
  weights: WeightSpec[];
  /**
   * For a node that calls another node's layer again (`sharesWeightsWith`, and the inner nodes of
   * such a Block node): the report id of the node that owns the weights. Its params count 0, as
   * Keras counts shared weights once.
   */
  sharesWeightsWith?: string;
  params: number | null;
  trainableParams: number | null;
  flops: number | null;
}

export interface CheckResult {
  document: GraphDocument;
  graph: ResolvedGraph;
  /** Top-level nodes in topological order, each followed by its block's inner nodes; then nodes that could not be ordered. */
  nodes: NodeReport[];
  byId: Map<string, NodeReport>;
  diagnostics: Diagnostic[];
  ok: boolean;
  totals: { params: number; trainableParams: number; flops: number; weightBytes: number };
}

/** A weight's number of values; NaN when a dimension is unknown. */
function sizeOf(spec: WeightSpec): number {
  let size = 1;
  for (let i = 0; i < spec.shape.length; i++) {
    const d = spec.shape[i]!;
    size *= isKnown(d) ? d : NaN;
  }
  return size;
}

interface BodyResult {
  reports: NodeReport[];
  byId: Map<string, NodeReport>;
  diagnostics: Diagnostic[];
  graph: ResolvedGraph;
}

/** What inference finds for one node: the part of its report that a recheck can take over. */
type Found = Pick<NodeReport, 'outputs' | 'weights' | 'params' | 'trainableParams' | 'flops'>;

/**
 * What a recheck needs of a check beyond the result itself. A top-level node's outcome is a
 * function of its node object (documents are immutable snapshots, so the same object means the
 * same params), its place in the document (diagnostics carry its path), its input ports, and the
 * shapes and element types that arrive there: all of that can be read back from the result's
 * graph and reports, so a check keeps per node only what cannot — the diagnostics of the nodes
 * that had any, and what inference found for the few nodes whose report was rewritten after it
 * (sharing nodes, which then count 0 params). Nothing here is made per node on a clean graph:
 * a cold check pays for none of this.
 */
interface Outcomes {
  diagnostics: Map<string, readonly Diagnostic[]>;
  found: Map<string, Found>;
  /** Nodes whose report no inference made (behind a cycle, or a Block node): never taken over. */
  notInferred: Set<string>;
  /** Whether the graph had an int32 Input (else every input of every node was float32). */
  anyInt32: boolean;
}

/** Per check result, what a recheck from it needs; kept out of CheckResult so results compare as plain data. */
const outcomes = new WeakMap<CheckResult, Outcomes>();

/** The check a recheck starts from: its graph and reports, and what it kept for rechecks. */
interface Previous {
  graph: ResolvedGraph;
  byId: Map<string, NodeReport>;
  outcomes: Outcomes;
}

/**
 * What inference found for a node, and from what. A node's shapes, weights and costs are a
 * function of its kind, its params, the shapes at its inputs and their element types; params
 * are shared between nodes whose params are equal (resolve's `shared`) and shapes between the
 * nodes that inference gave them, so a layer equal to the one before of its kind, fed the same
 * shapes — a stack of equal blocks, parallel branches — is known by identity alone and shares
 * that finding instead of inferring (and allocating) it again. Only findings without any
 * diagnostic are shared: a diagnostic names its node. Reports are never changed in place, so
 * sharing their parts is safe.
 */
interface Inference {
  params: Record<string, unknown>;
  inputs: readonly Shape[];
  dtypes: readonly DType[];
  found: Found;
}

/** Records a finding as the latest for its kind, in the entry the kind had (one object per kind, not per node). */
function remember(inferred: Map<AnyLayerDefinition, Inference>, definition: AnyLayerDefinition, params: Record<string, unknown>, inputs: readonly Shape[], dtypes: readonly DType[], found: Found): void {
  const entry = inferred.get(definition);
  if (!entry) {
    inferred.set(definition, { params, inputs, dtypes, found });
    return;
  }
  entry.params = params;
  entry.inputs = inputs;
  entry.dtypes = dtypes;
  entry.found = found;
}

/**
 * An output shape equal to one of the node's input shapes, as that very input shape: most layers
 * keep the shape they are given (activations, dropout, normalisation, a Dense as wide as its
 * input, merges), and a shape passed on by identity lets the next layer be known by identity (`Inference`).
 */
function asInput(shape: Shape, inputs: readonly Shape[]): Shape {
  for (let i = 0; i < inputs.length; i++) if (sameShape(inputs[i], shape)) return inputs[i]!;
  return shape;
}

function copyFound(found: Found, report: NodeReport): void {
  report.outputs = found.outputs;
  report.weights = found.weights;
  report.params = found.params;
  report.trainableParams = found.trainableParams;
  report.flops = found.flops;
}

/** A weightless node's weights, and a node's before inference: one shared empty list (frozen: reports are read, never changed in place). */
const NO_WEIGHTS = Object.freeze([]) as unknown as WeightSpec[];

/** `inputDtypes` of a node whose inputs are all float32 (all but those fed by an int32 Input), one frozen list per input count. */
const allFloat32: (readonly DType[])[] = [];
const float32s = (count: number): readonly DType[] => (allFloat32[count] ??= Object.freeze(Array.from({ length: count }, (): DType => 'float32')));

/**
 * Shape inference over a resolved graph in one walk in topological order.
 * One bad node never hides errors elsewhere: its consumers just get no shapes.
 * With `previous` (top level only), a node whose outcome cannot have changed takes it
 * from there instead of being inferred again; `keep` collects what this run's rechecks need.
 */
function checkBody(
  graph: ResolvedGraph,
  document: GraphDocument,
  inputShapes: Map<string, Shape> | undefined,
  idPrefix: string,
  depth: string[],
  previous?: Previous,
  keep?: Outcomes,
): BodyResult {
  const out: Diagnostic[] = [...graph.diagnostics];
  const byId = new Map<string, NodeReport>();
  const reports: NodeReport[] = [];
  /** Whether any Input of this graph is int32; most graphs have none, and then no input needs looking up. */
  const anyInt32 = graph.order.some(isInt32Input); // every Input is in the order: nothing feeds it

  /** Per layer kind, what inference found for the last node of that kind it inferred: see `Inference`. */
  const inferred = new Map<AnyLayerDefinition, Inference>();

  /** The report of the node before in the order: in a chain, the producer, found without a lookup. */
  let preceding: NodeReport | undefined;
  const shapeAt = (ref: PortRef): Shape | undefined => {
    const id = idPrefix + ref.node;
    const report = preceding !== undefined && preceding.id === id ? preceding : byId.get(id);
    return report && outputShape(report, ref.port);
  };

  /** What `previous` found for `node`, when everything inferring it reads is as it was (shapes by value: an edit that keeps a shape stops there). */
  const reusable = (node: ResolvedNode, id: string): Found | undefined => {
    const before = previous!.graph.nodes.get(node.node.id);
    if (!before || before.node !== node.node || before.index !== node.index || before.params !== node.params || before.inputs.length !== node.inputs.length) return undefined;
    const kept = previous!.outcomes;
    if (before.block || (kept.notInferred.size > 0 && kept.notInferred.has(id))) return undefined;
    // Element types can differ only where either graph has an int32 Input.
    const dtypesMatter = anyInt32 || kept.anyInt32;
    for (let i = 0; i < node.inputs.length; i++) {
      const input = node.inputs[i]!;
      const was = before.inputs[i]!;
      if (was.port !== input.port || (dtypesMatter && dtypeOf(previous!.graph, was.source.node) !== dtypeOf(graph, input.source.node))) return undefined;
      const wasReport = previous!.byId.get(was.source.node);
      if (!sameShape(wasReport && outputShape(wasReport, was.source.port), shapeAt(input.source))) return undefined;
    }
    return (kept.found.size > 0 ? kept.found.get(id) : undefined) ?? previous!.byId.get(id);
  };

  let made: NodeReport | undefined;
  for (const node of graph.order) {
    preceding = made;
    const id = idPrefix + node.node.id;
    const reused = previous && !node.block ? reusable(node, id) : undefined;
    // A report that no sharing rewrites is the same, whole, for the same node fed the same: the previous one itself is taken.
    const whole = reused !== undefined && node.node.sharesWeightsWith === undefined && reused === previous!.byId.get(id);
    // `outputs` is filled in below: by what was reused, by inference, or as unknown.
    const report: NodeReport = whole
      ? (reused as NodeReport)
      : idPrefix
        ? { id, name: node.name, type: node.node.type, parent: idPrefix.slice(0, -1), outputs: undefined!, weights: NO_WEIGHTS, params: null, trainableParams: null, flops: null }
        : { id, name: node.name, type: node.node.type, outputs: undefined!, weights: NO_WEIGHTS, params: null, trainableParams: null, flops: null };
    byId.set(id, report);
    reports.push(report);
    made = report;
    if (reused) {
      if (!whole) {
        copyFound(reused, report);
        keep!.found.set(id, reused);
      }
      const found = previous!.outcomes.diagnostics.size > 0 ? previous!.outcomes.diagnostics.get(id) : undefined;
      if (found) {
        for (const d of found) out.push(d);
        keep!.diagnostics.set(id, found);
      }
      continue;
    }
    const from = out.length;
    inferNode(node, report, inputShapesOf(node));
    if (report.outputs === undefined) report.outputs = unknownOutputs(node);
    if (!keep) continue;
    if (node.block) keep.notInferred.add(id);
    if (out.length > from) keep.diagnostics.set(id, out.slice(from));
    // Only a sharing node's report is rewritten after inference (checkSharedCall): keep what inference found.
    if (node.sharesWeightsWith !== undefined) keep.found.set(id, { outputs: report.outputs, weights: report.weights, params: report.params, trainableParams: report.trainableParams, flops: report.flops });
  }

  /** The shapes at a node's inputs, in port order; a list made at its final size. */
  function inputShapesOf(node: ResolvedNode): (Shape | undefined)[] {
    const inputs = node.inputs;
    if (inputs.length === 1) return [shapeAt(inputs[0]!.source)];
    const shapes: (Shape | undefined)[] = new Array(inputs.length);
    for (let i = 0; i < inputs.length; i++) shapes[i] = shapeAt(inputs[i]!.source);
    return shapes;
  }

  /** The element types at a node's inputs: only an int32 Input feeds anything but float32. */
  function inputDtypesOf(node: ResolvedNode): readonly DType[] {
    if (!anyInt32) return float32s(node.inputs.length);
    let dtypes: DType[] | undefined;
    for (let i = 0; i < node.inputs.length; i++) {
      if (dtypeOf(graph, node.inputs[i]!.source.node) === 'float32') continue;
      dtypes ??= [...float32s(node.inputs.length)];
      dtypes[i] = 'int32';
    }
    return dtypes ?? float32s(node.inputs.length);
  }

  /** Infers one node's output shapes, weights and costs into its report from the shapes (and types) at its inputs; problems go to `out`. */
  function inferNode(node: ResolvedNode, report: NodeReport, inputs: (Shape | undefined)[]): void {
    if (!node.params.ok) return;

    // An unconnected input was reported by resolve; the shape function only ever sees complete inputs.
    if (node.definition?.inputs.kind === 'fixed' && node.inputs.length !== node.definition.inputs.ports.length) return;
    if (node.definition?.inputs.kind === 'variadic' && node.inputs.length < node.definition.inputs.min) return;
    if (inputs.includes(undefined)) return; // inference stops where a producer failed
    const known = inputs as Shape[];

    if (node.block) {
      const inner = checkBlock(node, known, document, idPrefix, depth, out);
      if (!inner) return;
      reports.push(...inner.reports);
      for (const r of inner.reports) byId.set(r.id, r);
      report.outputs = node.outputPorts.map((port, i) => ({ port, shape: inner.outputShapes[i] }));
      const innerTop = inner.reports;
      report.params = sumOrNull(innerTop.filter((r) => r.parent === report.id).map((r) => r.params));
      report.trainableParams = sumOrNull(innerTop.filter((r) => r.parent === report.id).map((r) => r.trainableParams));
      report.flops = sumOrNull(innerTop.filter((r) => r.parent === report.id).map((r) => r.flops));
      return;
    }
    const definition = node.definition;
    if (!definition) return;

    if (node.node.type === 'Input' && inputShapes?.has(node.node.id)) {
      const given = inputShapes.get(node.node.id)!;
      const declared = [null, ...(node.params.value.shape as Shape)];
      if (!compatible(given, declared)) {
        out.push(
          diagnostics.shapeError(
            report.id,
            say(`${node.label} expects ${formatShape(declared)} but the block is called with ${formatShape(given)}`, `${node.label} 期望输入 ${formatShape(declared)}，但调用模块时传入的是 ${formatShape(given)}`),
          ),
        );
        return;
      }
      report.outputs = [{ port: 'out', shape: mergeDims(given, declared) }];
      report.params = report.trainableParams = report.flops = 0;
      return;
    }

    const dtypes = inputDtypesOf(node);
    const same = inferred.get(definition);
    if (same && same.params === node.params.value && same.dtypes === dtypes && sameItems(same.inputs, known)) {
      copyFound(same.found, report);
      return;
    }
    if (!checkRanks(node, definition, known, report.id, out)) return;
    const result = definition.inferShape({ inputs: known, params: node.params.value, label: node.label, inputDtypes: dtypes });
    if ('problems' in result) {
      out.push(...result.problems.map((p) => toDiagnostic(p, node, report.id)));
      return;
    }
    if (result.warnings) for (const warning of result.warnings) out.push(toDiagnostic({ ...warning, severity: 'warning' }, node, report.id));
    const weights = weightSpecs(definition, node.params.value, known);
    const tooLarge = sizeBeyondCounting(result.shapes, weights);
    if (tooLarge) {
      out.push(diagnostics.shapeError(report.id, say(`${node.label} ${tooLarge.en}`, `${node.label} ${tooLarge.zh}`)));
      return;
    }
    report.outputs =
      node.outputPorts.length === 1 ? [{ port: node.outputPorts[0]!, shape: asInput(result.shapes[0]!, known) }] : node.outputPorts.map((port, i) => ({ port, shape: asInput(result.shapes[i]!, known) }));
    report.weights = weights;
    let params = 0;
    let trainableParams = 0;
    for (let i = 0; i < weights.length; i++) {
      const weight = weights[i]!;
      const size = sizeOf(weight);
      params += size;
      if (weight.trainable) trainableParams += size;
    }
    // A weight of unknown size (NaN) makes both counts unknown.
    report.params = Number.isNaN(params) ? null : params;
    report.trainableParams = Number.isNaN(params) ? null : trainableParams;
    report.flops = definition.flops ? safeNumber(definition.flops({ inputs: known, outputs: result.shapes, params: node.params.value })) : 0;
    // Only a finding without a word to say is passed on: warnings name the node they are about.
    // The report is the finding: only checkSharedCall rewrites a report, after every node is inferred.
    if (!result.warnings?.length) remember(inferred, definition, node.params.value, known, dtypes, report);
  }

  for (const node of graph.order) if (node.sharesWeightsWith !== undefined) checkSharedCall(node, graph, idPrefix, reports, byId, out);
  // Nodes behind a cycle still appear, without shapes, so nothing the user made goes missing.
  if (graph.order.length < graph.nodes.size) {
    for (const node of graph.nodes.values()) {
      const id = idPrefix + node.node.id;
      if (byId.has(id)) continue;
      const report: NodeReport = { id, name: node.name, type: node.node.type, outputs: unknownOutputs(node), weights: NO_WEIGHTS, params: null, trainableParams: null, flops: null };
      byId.set(id, report);
      reports.push(report);
      keep?.notInferred.add(id);
    }
  }
  return { reports, byId, diagnostics: out, graph };
}

const unknownOutputs = (node: ResolvedNode): NodeReport['outputs'] => node.outputPorts.map((port) => ({ port }));

/** The shape a report found at one of its output ports. */
function outputShape(report: NodeReport, port: string): Shape | undefined {
  for (const output of report.outputs) if (output.port === port) return output.shape;
  return undefined;
}

function sameShape(a: Shape | undefined, b: Shape | undefined): boolean {
  return a === b || (a !== undefined && b !== undefined && sameItems(a, b));
}

/**
 * A node that calls another node's layer again: the weights its own inputs need must be
 * the weights the owner has (a Dense called on [?, 8] and on [?, 9] cannot share a kernel);
 * then it, and for a Block every layer inside it, counts 0 parameters.
 */
function checkSharedCall(node: ResolvedNode, graph: ResolvedGraph, idPrefix: string, reports: NodeReport[], byId: Map<string, NodeReport>, out: Diagnostic[]): void {
  const ownerNode = graph.nodes.get(node.sharesWeightsWith!)!;
  const id = idPrefix + node.node.id;
  const ownerId = idPrefix + ownerNode.node.id;
  const calls = reports.filter((r) => r.id === id || r.id.startsWith(`${id}/`));
  const callShapes = (n: ResolvedNode) => n.inputs.map((i) => byId.get(idPrefix + i.source.node)?.outputs.find((o) => o.port === i.source.port)?.shape).map((s) => (s ? formatShape(s) : '?')).join(', ');
  for (const report of calls) {
    const suffix = report.id.slice(id.length);
    const owner = byId.get(ownerId + suffix);
    if (!owner || owner.params === null || report.params === null) continue; // shapes unknown on one side: check says why there
    const mine = report.weights.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ');
    const theirs = owner.weights.map((w) => `${w.name} ${formatShape(w.shape)}`).join(', ');
    if (mine === theirs) continue;
    const inner = suffix ? ` its layer '${report.name}'` : '';
    const innerZh = suffix ? `其中的层 '${report.name}' ` : '';
    out.push(
      diagnostics.sharedWeightsMismatch(
        id,
        say(
          `${node.label} calls the layer of '${ownerNode.name}' again, but called on ${callShapes(node)}${inner} needs ${mine || 'no weights'} where '${ownerNode.name}', called on ${callShapes(ownerNode)}, has ${theirs || 'no weights'}: one set of weights cannot fit both calls`,
          `${node.label} 再次调用了 '${ownerNode.name}' 的层，但在 ${callShapes(node)} 上调用时${innerZh}需要 ${mine || '无权重'}，而 '${ownerNode.name}' 在 ${callShapes(ownerNode)} 上调用时的权重为 ${theirs || '无权重'}：同一套权重无法同时适配两次调用`,
        ),
        ownerId,
        say(`owns the shared weights; called on ${callShapes(ownerNode)}`, `拥有共享的权重；调用时的输入为 ${callShapes(ownerNode)}`),
      ),
    );
    break;
  }
  for (const report of calls) {
    report.sharesWeightsWith = ownerId + report.id.slice(id.length);
    report.weights = [];
    report.params = 0;
    report.trainableParams = 0;
  }
}

/** Only an Input declares an element type; every layer computes in float32. */
function dtypeOf(graph: ResolvedGraph, nodeId: string): DType {
  const producer = graph.nodes.get(nodeId);
  return producer && isInt32Input(producer) ? 'int32' : 'float32';
}

const isInt32Input = (node: ResolvedNode): boolean => node.node.type === 'Input' && node.params.ok && node.params.value.dtype === 'int32';

function checkBlock(node: ResolvedNode, inputs: Shape[], document: GraphDocument, idPrefix: string, depth: string[], out: Diagnostic[]) {
  const { key, definition } = node.block!;
  const graph = resolveGraph({ nodes: definition.nodes, edges: definition.edges, outputs: definition.outputs, inputOrder: definition.inputs }, document.blocks, `blocks[${JSON.stringify(key)}].`, [...depth, key]);
  if (graph.inputs.length !== inputs.length) {
    out.push(
      diagnostics.shapeError(
        idPrefix + node.node.id,
        say(
          `${node.label} is called with ${inputs.length} input${inputs.length === 1 ? '' : 's'} but block '${key}' takes ${graph.inputs.length}`,
          `${node.label} 调用时传入了 ${inputs.length} 个输入，但模块 '${key}' 需要 ${graph.inputs.length} 个`,
        ),
      ),
    );
    return undefined;
  }
  const shapes = new Map(graph.inputs.map((id, i) => [id, inputs[i]!]));
  const innerPrefix = `${idPrefix}${node.node.id}/`;
  const inner = checkBody(graph, document, shapes, innerPrefix, [...depth, key]);
  // Inner problems surface on the Block node the user sees, naming the inner layer.
  for (const d of inner.diagnostics) {
    out.push({ ...d, nodeId: idPrefix + node.node.id, ...inBlock(d, key) });
  }
  const outputShapes = graph.outputs.map((ref) => inner.byId.get(innerPrefix + ref.node)?.outputs.find((o) => o.port === ref.port)?.shape);
  return { reports: inner.reports, outputShapes };
}

function checkRanks(node: ResolvedNode, definition: AnyLayerDefinition, inputs: Shape[], reportId: string, out: Diagnostic[]): boolean {
  let ok = true;
  for (let i = 0; i < node.inputs.length; i++) {
    const { port } = node.inputs[i]!;
    const spec: RankSpec & { fixForRank?: (s: Shape) => unknown } = definition.inputs.kind === 'fixed' ? portSpec(definition.inputs.ports, port) : definition.inputs;
    const shape = inputs[i]!;
    if (rankFits(spec, shape.length)) continue;
    ok = false;
    const suggestion = 'fixForRank' in spec && spec.fixForRank ? (spec.fixForRank as (s: Shape) => Record<string, unknown> | undefined)(shape) : undefined;
    const fix = suggestion ? ({ ...suggestion, before: { node: node.node.id, port } } as FixDraft) : undefined;
    out.push(diagnostics.rankMismatch(reportId, node.label, port, describeRank(spec), shape, fix));
  }
  return ok;
}

function portSpec(ports: readonly InputPort[], name: string): InputPort | RankSpec {
  for (const port of ports) if (port.name === name) return port;
  return {};
}

function toDiagnostic(problem: ShapeProblem, node: ResolvedNode, reportId: string): Diagnostic {
  const where = {
    port: problem.port,
    path: problem.param ? `${node.path}.params.${problem.param}` : undefined,
    fix: problem.fix && locateFix(problem.fix, node, problem.port),
  };
  const text = say(problem.message, problem.messageZh);
  return problem.severity === 'warning' ? diagnostics.shapeWarning(reportId, text, where) : diagnostics.shapeError(reportId, text, where);
}

/** An inner layer's diagnostic as the Block node that holds it reports it, in every language. */
function inBlock(d: Diagnostic, key: string): Pick<Diagnostic, 'message' | 'translations'> {
  const zh = d.translations?.['zh-CN'];
  return {
    message: `in block '${key}': ${d.message}`,
    ...(zh ? { translations: { 'zh-CN': { ...zh, message: `在模块 '${key}' 中：${zh.message}` } } } : {}),
  };
}

/** Shape functions do not know their node's id: fixes they offer are completed here. */
function locateFix(fix: FixDraft, node: ResolvedNode, port: string | undefined): FixDraft {
  const id = node.node.id;
  switch (fix.kind) {
    case 'insert-node':
      return { ...fix, before: { node: fix.before.node || id, port: fix.before.port || port || node.inputs[0]?.port || 'in' } };
    case 'set-param':
    case 'rename':
      return { ...fix, node: fix.node || id };
  }
}

function compatible(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => !isKnown(d) || !isKnown(b[i]!) || d === b[i]);
}

function mergeDims(given: Shape, declared: Shape): Shape {
  return given.map((d, i) => (isKnown(d) ? d : declared[i] ?? d));
}

function sumOrNull(values: (number | null)[]): number | null {
  return values.some((v) => v === null) ? null : values.reduce<number>((a, b) => a + (b ?? 0), 0);
}

/**
 * Sizes past 2^53 cannot even be counted exactly in JavaScript, let alone
 * allocated; without this a Flatten of [2^26, 2^26, 2^26] passed as valid.
 */
function sizeBeyondCounting(shapes: Shape[], weights: WeightSpec[]): Text | undefined {
  let shape: Shape | undefined;
  for (let i = 0; i < shapes.length && !shape; i++) if (!Number.isSafeInteger(productOfKnown(shapes[i]!))) shape = shapes[i];
  if (shape) {
    return say(
      `would output ${formatShape(shape)}, more than 2^53 values per sample; no tensor can be that large — use smaller sizes`,
      `的输出将是 ${formatShape(shape)}，每个样本超过 2^53 个值；没有张量能这么大，请使用更小的尺寸`,
    );
  }
  let params = 0;
  for (let i = 0; i < weights.length; i++) params += productOfKnown(weights[i]!.shape);
  if (!Number.isSafeInteger(params)) {
    return say(
      `would need about ${params.toExponential(2)} weights, more than 2^53; no model can be that large — use smaller sizes`,
      `将需要约 ${params.toExponential(2)} 个权重，超过 2^53；没有模型能这么大，请使用更小的尺寸`,
    );
  }
  return undefined;
}

function safeNumber(n: number): number | null {
  return Number.isFinite(n) ? n : null;
}

/** resolve → check: every node gets its output shapes or diagnostics, all at once. */
export function checkGraph(document: GraphDocument): CheckResult {
  return checkDocument(document, resolveGraph(bodyOf(document), document.blocks), undefined);
}

/**
 * The same result as `checkGraph(document)`, but after an edit: nodes that the edit cannot
 * reach (same node object, same place, same wiring, same input shapes) keep the shapes,
 * costs and diagnostics `previous` found for them, so only what lies downstream of the
 * edit is inferred again. `previous` may be the check of any earlier document.
 */
export function recheckGraph(previous: CheckResult, document: GraphDocument): CheckResult {
  const graph = resolveEdit({ body: bodyOf(previous.document), blocks: previous.document.blocks, graph: previous.graph }, bodyOf(document), document.blocks);
  const kept = outcomes.get(previous);
  return checkDocument(document, graph, kept && { graph: previous.graph, byId: previous.byId, outcomes: kept });
}

const bodyOf = (document: GraphDocument): GraphBody => ({ nodes: document.nodes, edges: document.edges, outputs: document.outputs });

function checkDocument(document: GraphDocument, graph: ResolvedGraph, previous: Previous | undefined): CheckResult {
  const keep: Outcomes = { diagnostics: new Map(), found: new Map(), notInferred: new Set(), anyInt32: graph.order.some(isInt32Input) };
  const body = checkBody(graph, document, undefined, '', [], previous, keep);
  const out = body.diagnostics;
  if (graph.inputs.length === 0 && document.nodes.length > 0) out.push(diagnostics.noInputs());
  if (graph.outputs.length === 0 && document.nodes.length > 0) out.push(diagnostics.noOutputs());
  out.push(...checkTraining(document, graph, body.byId));

  const totals = { params: 0, trainableParams: 0, flops: 0, weightBytes: 0 };
  for (const r of body.reports) {
    if (r.parent !== undefined) continue;
    totals.params += r.params ?? 0;
    totals.trainableParams += r.trainableParams ?? 0;
    totals.flops += r.flops ?? 0;
  }
  totals.weightBytes = totals.params * 4;
  out.push(...checkBudget(document, body.reports.filter((r) => r.parent === undefined), totals));
  const result: CheckResult = {
    document,
    graph,
    nodes: body.reports,
    byId: body.byId,
    diagnostics: out,
    ok: !out.some((d) => d.severity === 'error'),
    totals,
  };
  outcomes.set(result, keep);
  return result;
}
