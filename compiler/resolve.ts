import type { BlockDefinition, Edge, GraphDocument, GraphNode, PortRef } from '../schemas/graph';
import { diagnostics, say, type Diagnostic } from './diagnostics';
import { describeParamIssues } from './param-issues';
import { outputPorts, type AnyLayerDefinition, type InputPorts } from './layers/definition';
import { findLayer } from './layers/registry';

/** The node type that instantiates a block from the document's block library. */
export const BLOCK_TYPE = 'Block';

export type NodeParams = { ok: true; value: Record<string, unknown> } | { ok: false };

export interface ResolvedNode {
  node: GraphNode;
  /** JSON path of the node in the document, e.g. `nodes[3]` or `blocks.encoder.nodes[1]`. */
  path: string;
  /** How messages name it: `Dense 'dense_1'`. */
  label: string;
  /** Layer name: the display name, or the id. */
  name: string;
  definition?: AnyLayerDefinition;
  /** For Block nodes: the block key and its definition. */
  block?: { key: string; definition: BlockDefinition };
  params: NodeParams;
  /**
   * Id of the node whose layer this node calls again (the document's `sharesWeightsWith`),
   * set only when the sharing is valid: same graph, same kind, same params, and that node
   * owns its weights itself. Emitters build that node's layer once and apply it here too.
   */
  sharesWeightsWith?: string;
  /** Input ports in call order, each with the output that feeds it. */
  inputs: { port: string; source: PortRef }[];
  outputPorts: string[];
}

/** A graph after resolve: nodes by id, in topological order, with wiring checked. */
export interface ResolvedGraph {
  nodes: Map<string, ResolvedNode>;
  /** Every node whose inputs are all acyclic, producers before consumers. */
  order: ResolvedNode[];
  inputs: string[];
  outputs: PortRef[];
  diagnostics: Diagnostic[];
}

export interface GraphBody {
  nodes: GraphNode[];
  edges: Edge[];
  outputs?: PortRef[];
  /** Declared order of Input nodes (blocks); the document uses node order. */
  inputOrder?: string[];
}

export function labelOf(node: GraphNode): string {
  return `${node.type} '${node.name ?? node.id}'`;
}

/** What a node's params parse to, with the issues that made them fail (their paths are relative to `params`). */
interface ParsedParams {
  params: NodeParams;
  issues: ReturnType<typeof describeParamIssues>;
  outputPorts: string[];
}

/**
 * Documents are immutable snapshots: an edit replaces the nodes it changes and keeps the
 * others, so a node object parses the same way every time and zod runs once per node,
 * not once per check. The parsed value is shared between checks: nothing may mutate it.
 */
const parsedParams = new WeakMap<GraphNode, ParsedParams>();

const NO_ISSUES: ParsedParams['issues'] = [];

function parseParams(definition: AnyLayerDefinition, node: GraphNode, path: string, out: Diagnostic[]): ParsedParams {
  let parsed = parsedParams.get(node);
  if (!parsed) {
    const result = definition.params.safeParse(node.params);
    parsed = result.success
      ? { params: { ok: true, value: result.data as Record<string, unknown> }, issues: NO_ISSUES, outputPorts: outputPorts(definition, result.data) }
      : { params: { ok: false }, issues: describeParamIssues(result.error.issues, node.params, []), outputPorts: ['out'] };
    parsedParams.set(node, parsed);
  }
  for (const error of parsed.issues) {
    const fieldPath = `${path}.params${error.path === '(document)' ? '' : error.path.startsWith('[') ? error.path : `.${error.path}`}`;
    out.push(diagnostics.badParam(node.id, fieldPath, error.text));
  }
  return parsed;
}

/** tfjs's own rule for layer and tensor names (tfjs-layers common.ts). */
const TFJS_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function tfjsSafeName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^-A-Za-z0-9._/]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'layer';
}

const VARIADIC_PORT = /^in(\d+)$/;

const NO_PORTS: ReadonlyMap<string, PortRef[]> = new Map();

const edgeKey = (e: Edge) => `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;

/**
 * Document (or block body) → resolved graph: every wiring mistake becomes a
 * diagnostic and the rest of the graph is still resolved. Linear in nodes + edges.
 */
export function resolveGraph(body: GraphBody, blocks: GraphDocument['blocks'], pathPrefix = '', blockStack: string[] = []): ResolvedGraph {
  const out: Diagnostic[] = [];
  const nodes = new Map<string, ResolvedNode>();
  const names = new Map<string, string>();
  // Only sharing (`sharesWeightsWith`) looks nodes up by id before they are resolved.
  const byId = new Map<string, GraphNode>();
  if (body.nodes.some((node) => node.sharesWeightsWith !== undefined)) for (const node of body.nodes) if (!byId.has(node.id)) byId.set(node.id, node);

  body.nodes.forEach((node, index) => {
    const path = `${pathPrefix}nodes[${index}]`;
    if (nodes.has(node.id)) {
      out.push(diagnostics.duplicateNodeId(node.id, `${path}.id`));
      return;
    }
    const label = labelOf(node);
    const name = node.name ?? node.id;
    if (!TFJS_NAME.test(name)) out.push(diagnostics.invalidLayerName(node.id, name, `${path}.${node.name === undefined ? 'id' : 'name'}`, tfjsSafeName(name)));
    const other = names.get(name);
    if (other !== undefined) out.push(diagnostics.duplicateName(name, node.id, other));
    else names.set(name, node.id);

    const resolved: ResolvedNode = { node, path, label, name, params: { ok: false }, inputs: [], outputPorts: ['out'] };
    // A sharing node with empty params takes its target's: they are one layer.
    const inheritFrom = inheritedParamsSource(node, byId);
    const params = inheritFrom?.params ?? node.params;
    if (node.type === BLOCK_TYPE) {
      const key = typeof params.block === 'string' ? params.block : '';
      // Own keys only: `"block": "toString"` must not find Object.prototype's method.
      const definition = Object.hasOwn(blocks, key) ? blocks[key] : undefined;
      if (!definition) out.push(diagnostics.unknownBlock(node.id, label, key));
      else if (blockStack.includes(key)) out.push(diagnostics.recursiveBlock(node.id, label, key));
      else {
        resolved.block = { key, definition };
        resolved.params = { ok: true, value: params };
        resolved.outputPorts = definition.outputs.length === 1 ? ['out'] : definition.outputs.map((_, i) => `out${i}`);
      }
    } else {
      const definition = findLayer(node.type);
      if (!definition) out.push(diagnostics.unknownLayerType(node.type, node.id, `${path}.type`));
      else {
        resolved.definition = definition;
        // Inherited params are the target's: their mistakes are reported once, on the target.
        const parsed = inheritFrom ? parseParams(definition, inheritFrom, inheritFrom.id, []) : parseParams(definition, node, path, out);
        resolved.params = parsed.params;
        resolved.outputPorts = parsed.outputPorts;
      }
    }
    nodes.set(node.id, resolved);
  });
  for (const resolved of nodes.values()) if (resolved.node.sharesWeightsWith !== undefined) resolveSharing(resolved, nodes, byId, out);

  // Wire edges to ports, refusing what can never be valid. Per-node facts live in arrays by
  // node index, not in maps keyed by strings built per edge: this loop runs on every edit.
  const list = [...nodes.values()];
  const indexOf = new Map<string, number>();
  list.forEach((resolved, i) => indexOf.set(resolved.node.id, i));
  const incoming: (Map<string, PortRef[]> | undefined)[] = new Array(list.length);
  const consumed: (string[] | undefined)[] = new Array(list.length);
  /** Edges refused for a port that does not exist, to tell a repeat of one as a duplicate (accepted ones are in `incoming`). */
  const refused = new Set<string>();
  /** Nodes with a port that more than one edge feeds. */
  const crowded = new Set<number>();
  const edgePath = (index: number) => `${pathPrefix}edges[${index}]`; // built only for a diagnostic
  body.edges.forEach((edge, index) => {
    const fromIndex = indexOf.get(edge.from.node);
    const toIndex = indexOf.get(edge.to.node);
    if (fromIndex === undefined) out.push(diagnostics.danglingEdge('from', edge.from.node, `${edgePath(index)}.from.node`));
    if (toIndex === undefined) out.push(diagnostics.danglingEdge('to', edge.to.node, `${edgePath(index)}.to.node`));
    if (fromIndex === undefined || toIndex === undefined) return;
    const from = list[fromIndex]!;
    const to = list[toIndex]!;
    const accepted = incoming[toIndex]?.get(edge.to.port)?.some((source) => source.node === edge.from.node && source.port === edge.from.port);
    if (accepted || (refused.size > 0 && refused.has(edgeKey(edge)))) {
      out.push(diagnostics.duplicateEdge(edgePath(index), to.node.id, edge.to.port));
      return;
    }
    if ((from.definition || from.block) && !from.outputPorts.includes(edge.from.port)) {
      out.push(diagnostics.unknownPort(from.node.id, from.label, edge.from.port, from.outputPorts, `${edgePath(index)}.from.port`));
      refused.add(edgeKey(edge));
      return;
    }
    if (!acceptsInputPort(to, edge.to.port)) {
      out.push(diagnostics.unknownPort(to.node.id, to.label, edge.to.port, [...declaredInputPorts(to)], `${edgePath(index)}.to.port`));
      refused.add(edgeKey(edge));
      return;
    }
    const ports = (incoming[toIndex] ??= new Map<string, PortRef[]>());
    const sources = ports.get(edge.to.port);
    if (sources) {
      sources.push(edge.from);
      crowded.add(toIndex);
    } else ports.set(edge.to.port, [edge.from]);
    const used = (consumed[fromIndex] ??= []);
    if (!used.includes(edge.from.port)) used.push(edge.from.port);
  });

  list.forEach((resolved, i) => {
    const ports = incoming[i] ?? NO_PORTS;
    for (const [port, sources] of crowded.has(i) ? ports : NO_PORTS) {
      if (sources.length > 1) {
        out.push(diagnostics.portHasTwoInputs(resolved.node.id, resolved.label, port, sources.map((s) => nodes.get(s.node)!.name)));
      }
    }
    resolved.inputs = orderInputs(resolved, ports, out);
  });

  const isConsumed = (id: string, port: string) => consumed[indexOf.get(id)!]?.includes(port) ?? false;
  const order = topologicalOrder(list, indexOf, out);
  const inputs = inputNodes(body, nodes);
  const outputs = modelOutputs(body, nodes, isConsumed, pathPrefix, out);
  for (const id of inputs) {
    const resolved = nodes.get(id)!;
    if (!resolved.outputPorts.some((p) => isConsumed(id, p))) out.push(diagnostics.unusedInput(id, resolved.label));
  }
  return { nodes, order, inputs, outputs, diagnostics: out };
}

/** A body and the graph it resolved to, for `resolveEdit`. */
export interface Resolved {
  body: GraphBody;
  blocks: GraphDocument['blocks'];
  graph: ResolvedGraph;
}

/**
 * `resolveGraph(body, blocks)` after an edit that only changed params: when the edges,
 * outputs and blocks are the same objects and every replaced node keeps its id, kind, name
 * and output ports and parses both before and after, the wiring, order and diagnostics cannot
 * have changed, so the previous graph is kept with just those nodes replaced. Anything else
 * (and any weight sharing, whose checks compare params) resolves from scratch.
 */
export function resolveEdit(previous: Resolved, body: GraphBody, blocks: GraphDocument['blocks']): ResolvedGraph {
  const before = previous.body;
  const sameFrame = before.edges === body.edges && before.outputs === body.outputs && before.inputOrder === body.inputOrder && previous.blocks === blocks;
  if (!sameFrame || before.nodes.length !== body.nodes.length) return resolveGraph(body, blocks);
  const replaced = new Map<ResolvedNode, ResolvedNode>();
  for (let i = 0; i < body.nodes.length; i++) {
    const node = body.nodes[i]!;
    const old = before.nodes[i]!;
    if (node.sharesWeightsWith !== undefined) return resolveGraph(body, blocks);
    if (node === old) continue;
    const resolved = previous.graph.nodes.get(old.id);
    if (!resolved || resolved.node !== old || !resolved.definition || !resolved.params.ok) return resolveGraph(body, blocks);
    if (node.id !== old.id || node.type !== old.type || node.name !== old.name || node.weights !== old.weights) return resolveGraph(body, blocks);
    const parsed = parseParams(resolved.definition, node, resolved.path, []);
    if (!parsed.params.ok || !sameStrings(parsed.outputPorts, resolved.outputPorts)) return resolveGraph(body, blocks);
    replaced.set(resolved, { ...resolved, node, params: parsed.params });
  }
  if (replaced.size === 0) return previous.graph;
  const nodes = new Map(previous.graph.nodes);
  for (const next of replaced.values()) nodes.set(next.node.id, next);
  const order = previous.graph.order.map((resolved) => replaced.get(resolved) ?? resolved);
  return { ...previous.graph, nodes, order };
}

function sameStrings(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((s, i) => s === b[i]);
}

/** The node whose params a sharing node with empty params takes: its target, when that is a node of the same kind. */
function inheritedParamsSource(node: GraphNode, byId: Map<string, GraphNode>): GraphNode | undefined {
  if (node.sharesWeightsWith === undefined || Object.keys(node.params).length > 0) return undefined;
  const target = byId.get(node.sharesWeightsWith);
  return target && target !== node && target.type === node.type ? target : undefined;
}

/** JSON with object keys sorted: two configs are the same config whatever order they were written in. */
function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

const describeValue = (value: unknown) => (value === undefined ? 'nothing' : JSON.stringify(value));

/**
 * `sharesWeightsWith`: the node calls the layer of another node of the same graph.
 * The target must exist, be the same kind of layer with the same params, and own
 * its weights (no chains); an Input has no layer to share; the shared weights live
 * on the target only. A valid sharing is recorded on the resolved node.
 */
function resolveSharing(resolved: ResolvedNode, nodes: Map<string, ResolvedNode>, byId: Map<string, GraphNode>, out: Diagnostic[]): void {
  const { node, label, path } = resolved;
  if (node.weights?.length) out.push(diagnostics.weightsOnSharingNode(node.id, label, node.sharesWeightsWith!, `${path}.weights`));
  const problem = sharingProblem(resolved, nodes, byId);
  if (problem) out.push(problem);
  else resolved.sharesWeightsWith = node.sharesWeightsWith;
}

function sharingProblem(resolved: ResolvedNode, nodes: Map<string, ResolvedNode>, byId: Map<string, GraphNode>): Diagnostic | undefined {
  const { node, label, path } = resolved;
  const targetId = node.sharesWeightsWith!;
  const where = `${path}.sharesWeightsWith`;
  const target = nodes.get(targetId);
  if (node.type === 'Input') return diagnostics.sharedInput(node.id, label, undefined, where);
  if (!target) return diagnostics.sharedTargetMissing(node.id, label, targetId, where);
  if (target.node === node) {
    return diagnostics.sharedChain(
      node.id,
      label,
      say(
        'shares weights with itself; sharesWeightsWith names another node, the one whose layer this node calls again',
        '与自身共享权重；sharesWeightsWith 应指向另一个节点，即此节点要再次调用其层的那个节点',
      ),
      where,
      [],
    );
  }
  if (target.node.type === 'Input') return diagnostics.sharedInput(node.id, label, target.name, where);
  if (target.node.type !== node.type) {
    return diagnostics.sharedTargetMismatch(node.id, label, targetId, say(`${target.label}, but ${node.type} and ${target.node.type} are different kinds of layer`, `${target.label} 共享权重，但 ${node.type} 和 ${target.node.type} 是不同种类的层`), where);
  }
  if (resolved.block && target.block && resolved.block.key !== target.block.key) {
    return diagnostics.sharedTargetMismatch(node.id, label, targetId, say(
        `${target.label}, which uses block '${target.block.key}' where this node uses block '${resolved.block.key}'`,
        `${target.label} 共享权重，但后者使用模块 '${target.block.key}'，而此节点使用模块 '${resolved.block.key}'`,
      ),
      `${path}.params.block`,
    );
  }
  if (target.node.sharesWeightsWith !== undefined) return sharingChain(resolved, target, byId, where);
  if (resolved.definition && resolved.params.ok && target.params.ok) {
    const difference = firstDifference(resolved.params.value, target.params.value);
    if (difference === undefined) return undefined;
    const theirs = target.params.value[difference];
    const fix = theirs === undefined ? undefined : ({
            kind: 'set-param',
            title: `Set ${difference} to ${describeValue(theirs)} like '${target.name}'`,
            titleZh: `将 ${difference} 设为 ${describeValue(theirs)}，与 '${target.name}' 一致`,
            node: node.id,
            param: difference,
            value: theirs,
          } as const);
    return diagnostics.sharedParamsDiffer(node.id, label, targetId, difference, describeValue(resolved.params.value[difference]), describeValue(theirs), `${path}.params.${difference}`, fix);
  }
  return undefined;
}

/** The first param, in the target's order, whose value differs (defaults filled on both sides). */
function firstDifference(mine: Record<string, unknown>, theirs: Record<string, unknown>): string | undefined {
  const keys = [...new Set([...Object.keys(theirs), ...Object.keys(mine)])];
  return keys.find((key) => canonicalJson(mine[key]) !== canonicalJson(theirs[key]));
}

/** A sharing node whose target shares another's layer: name the node that owns the weights, or the circle that leaves none owning them. */
function sharingChain(resolved: ResolvedNode, target: ResolvedNode, byId: Map<string, GraphNode>, where: string): Diagnostic {
  const walk = [resolved.node.id, target.node.id];
  let current: GraphNode | undefined = target.node;
  while (current?.sharesWeightsWith !== undefined && !walk.slice(0, -1).includes(current.id)) {
    walk.push(current.sharesWeightsWith);
    current = byId.get(current.sharesWeightsWith);
  }
  const related = walk.filter((id, i) => id !== resolved.node.id && byId.has(id) && walk.indexOf(id) === i).map((id) => ({ nodeId: id, message: say('on the sharing chain', '位于共享链上') }));
  const quoted = walk.map((id) => `'${id}'`);
  const chain = quoted.join(' → ');
  const message =
    current === undefined
      ? say(
          `shares weights with '${target.node.id}', which itself shares weights (${chain}) with a node that does not exist; point sharesWeightsWith at the node that owns the weights`,
          `与 '${target.node.id}' 共享权重，而后者又与一个不存在的节点共享权重（${chain}）；请让 sharesWeightsWith 指向拥有权重的节点`,
        )
      : current.sharesWeightsWith !== undefined
        ? say(
            `shares weights in a circle (${chain}): no node owns the weights; remove sharesWeightsWith from the node that should own them`,
            `的权重共享形成了环（${chain}）：没有任何节点拥有权重；请从应当拥有权重的节点上删除 sharesWeightsWith`,
          )
        : say(
            `shares weights with '${target.node.id}', which itself shares the layer of '${current.id}' (${chain}); point sharesWeightsWith at '${current.id}', the node that owns the weights`,
            `与 '${target.node.id}' 共享权重，而后者又共享了 '${current.id}' 的层（${chain}）；请让 sharesWeightsWith 直接指向拥有权重的节点 '${current.id}'`,
          );
  return diagnostics.sharedChain(resolved.node.id, resolved.label, message, where, related);
}

function declaredInputPorts(node: ResolvedNode): readonly string[] {
  if (node.block) return node.block.definition.inputs.length === 1 ? ['in'] : node.block.definition.inputs.map((_, i) => `in${i}`);
  const spec = node.definition?.inputs;
  if (!spec) return [];
  if (spec.kind !== 'fixed') return ['in0', 'in1', '…'];
  let names = fixedPortNames.get(spec);
  if (!names) fixedPortNames.set(spec, (names = spec.ports.map((p) => p.name)));
  return names;
}

/** A layer kind's input port names, listed once per kind rather than once per edge. */
const fixedPortNames = new WeakMap<InputPorts, readonly string[]>();

function acceptsInputPort(node: ResolvedNode, port: string): boolean {
  if (!node.definition && !node.block) return true; // unknown kinds: keep the wiring, it is reported elsewhere
  if (node.definition?.inputs.kind === 'variadic') return VARIADIC_PORT.test(port);
  return declaredInputPorts(node).includes(port);
}

function orderInputs(node: ResolvedNode, ports: ReadonlyMap<string, PortRef[]>, out: Diagnostic[]): ResolvedNode['inputs'] {
  const first = (port: string) => ports.get(port)?.[0];
  if (!node.definition && !node.block) {
    return [...ports.entries()].map(([port, sources]) => ({ port, source: sources[0]! }));
  }
  if (node.definition?.inputs.kind === 'variadic') {
    // Each port's number is read once, not once per comparison: a merge may have thousands of inputs.
    const connected = [...ports.keys()]
      .map((port) => ({ port, index: Number(VARIADIC_PORT.exec(port)![1]) }))
      .sort((a, b) => a.index - b.index)
      .map(({ port }) => port);
    if (connected.length < node.definition.inputs.min) {
      out.push(diagnostics.tooFewInputs(node.node.id, node.label, node.definition.inputs.min, connected.length));
    }
    return connected.map((port) => ({ port, source: first(port)! }));
  }
  const result: ResolvedNode['inputs'] = [];
  for (const port of declaredInputPorts(node)) {
    const source = first(port);
    if (source) result.push({ port, source });
    else out.push(diagnostics.missingInput(node.node.id, node.label, port));
  }
  return result;
}

/**
 * Kahn's algorithm over node indexes; what is left over sits on or behind a cycle, and each cycle is reported once.
 * Each node's consumers are a slice of one flat array (`consumers[first[i]] … consumers[first[i + 1] - 1]`),
 * not an array per node: this runs on every structural edit, and small arrays are most of what it allocated.
 */
function topologicalOrder(list: ResolvedNode[], indexOf: Map<string, number>, out: Diagnostic[]): ResolvedNode[] {
  const first = new Int32Array(list.length + 1);
  for (const node of list) for (const { source } of node.inputs) first[indexOf.get(source.node)! + 1]!++;
  for (let i = 0; i < list.length; i++) first[i + 1]! += first[i]!;
  const consumers = new Int32Array(first[list.length]!);
  const filled = first.slice(0, list.length);
  list.forEach((node, consumer) => {
    for (const { source } of node.inputs) consumers[filled[indexOf.get(source.node)!]!++] = consumer;
  });

  const indegree = new Int32Array(list.length);
  const queue: number[] = [];
  list.forEach((node, i) => {
    indegree[i] = node.inputs.length;
    if (node.inputs.length === 0) queue.push(i);
  });
  const order: ResolvedNode[] = [];
  for (let head = 0; head < queue.length; head++) {
    const i = queue[head]!;
    order.push(list[i]!);
    for (let c = first[i]!; c < first[i + 1]!; c++) if (--indegree[consumers[c]!]! === 0) queue.push(consumers[c]!);
  }
  if (order.length < list.length) reportCycles(new Map(list.map((n) => [n.node.id, n])), new Set(order.map((n) => n.node.id)), out);
  return order;
}

/** Tarjan's strongly connected components over the leftover nodes: each component of size > 1 (or a self-loop) is a cycle. */
function reportCycles(nodes: Map<string, ResolvedNode>, ordered: Set<string>, out: Diagnostic[]): void {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  let counter = 0;
  const successors = (id: string) => nodes.get(id)!.inputs.map((i) => i.source.node).filter((s) => !ordered.has(s));

  const visit = (start: string) => {
    // Iterative to survive long chains without overflowing the call stack.
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const succ = successors(frame.id);
      if (frame.next < succ.length) {
        const w = succ[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1]!.id;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.id)!));
      }
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && successors(component[0]!).includes(component[0]!);
        if (component.length > 1 || selfLoop) {
          const ids = inFlowOrder(component, successors);
          out.push(diagnostics.cycle(ids, ids.map((id) => nodes.get(id)!.name)));
        }
      }
    }
  };
  for (const id of nodes.keys()) if (!ordered.has(id) && !index.has(id)) visit(id);
}

/** Walks a cycle against its producer links, then reverses: a → b → c reads the way data flows. */
function inFlowOrder(component: string[], producers: (id: string) => string[]): string[] {
  const members = new Set(component);
  const start = [...component].sort()[0]!;
  const walk = [start];
  const seen = new Set(walk);
  for (let current = start; ; ) {
    const next = producers(current).find((p) => members.has(p) && !seen.has(p));
    if (!next) break;
    walk.push(next);
    seen.add(next);
    current = next;
  }
  for (const id of component) if (!seen.has(id)) walk.push(id);
  const flow = walk.reverse();
  // Start the message at the alphabetically first layer so it is stable.
  const at = flow.indexOf(start);
  return [...flow.slice(at), ...flow.slice(0, at)];
}

function inputNodes(body: GraphBody, nodes: Map<string, ResolvedNode>): string[] {
  if (body.inputOrder) return body.inputOrder.filter((id) => nodes.has(id));
  return [...nodes.values()].filter((n) => n.node.type === 'Input').map((n) => n.node.id);
}

function modelOutputs(body: GraphBody, nodes: Map<string, ResolvedNode>, isConsumed: (id: string, port: string) => boolean, pathPrefix: string, out: Diagnostic[]): PortRef[] {
  if (body.outputs) {
    return body.outputs.filter((ref, i) => {
      if (nodes.has(ref.node)) return true;
      out.push(diagnostics.unknownOutput(ref.node, `${pathPrefix}outputs[${i}].node`));
      return false;
    });
  }
  const outputs: PortRef[] = [];
  for (const node of nodes.values()) {
    if (node.node.type === 'Input') continue;
    const used = node.outputPorts.some((p) => isConsumed(node.node.id, p));
    if (!used) for (const port of node.outputPorts) outputs.push({ node: node.node.id, port });
  }
  return outputs;
}
