import type { BlockDefinition, Edge, GraphDocument, GraphNode, PortRef } from '../schemas/graph';
import { diagnostics, say, type Diagnostic } from './diagnostics';
import { describeParamIssues } from './param-issues';
import { parseKnownParams } from './fast-params';
import { outputPorts, type AnyLayerDefinition, type InputPorts } from './layers/definition';
import { findLayer } from './layers/registry';
import { sameItems } from './same-items';

/** The node type that instantiates a block from the document's block library. */
export const BLOCK_TYPE = 'Block';

export type NodeParams = { ok: true; value: Record<string, unknown> } | { ok: false };

export interface ResolvedNode {
  node: GraphNode;
  /** Its place in the document's (or block's) node list. */
  readonly index: number;
  /** JSON path of the node in the document, e.g. `nodes[3]` or `blocks.encoder.nodes[1]`. */
  readonly path: string;
  /** How messages name it: `Dense 'dense_1'`. */
  readonly label: string;
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

/**
 * A resolved node. Its path and label are strings only diagnostics read, so they are made when
 * read rather than for every node of every check; `slot` is its place among the resolved nodes
 * (duplicates of an id are not resolved, so it can differ from `index`).
 */
class ResolvedNodeRecord implements ResolvedNode {
  definition: AnyLayerDefinition | undefined = undefined;
  block: ResolvedNode['block'] = undefined;
  params: NodeParams = NOT_PARSED;
  sharesWeightsWith: string | undefined = undefined;
  inputs: ResolvedNode['inputs'] = NO_INPUTS;
  outputPorts: string[] = SINGLE_OUTPUT;

  constructor(
    public node: GraphNode,
    readonly index: number,
    readonly slot: number,
    public name: string,
    private readonly pathPrefix: string,
  ) {}

  get path(): string {
    return `${this.pathPrefix}nodes[${this.index}]`;
  }

  get label(): string {
    return labelOf(this.node);
  }

  /** The same node after an edit that changed only its params. */
  withParams(node: GraphNode, params: NodeParams): ResolvedNodeRecord {
    const next = new ResolvedNodeRecord(node, this.index, this.slot, this.name, this.pathPrefix);
    next.definition = this.definition;
    next.block = this.block;
    next.params = params;
    next.sharesWeightsWith = this.sharesWeightsWith;
    next.inputs = this.inputs;
    next.outputPorts = this.outputPorts;
    return next;
  }
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

/**
 * A node's params parsed by its kind's schema (defaults filled in); each failure becomes a
 * `badParam` diagnostic at `at.path` in `out`. There is no cache keyed by node: a check of a new
 * document parses each node once, or not at all when its params as written equal those of the
 * last node of its kind (`parsed`, one entry per kind for one resolve), and `resolveGraph` takes
 * parsed params over from the graph before an edit for the nodes the edit kept (see
 * `reusableParams`). Parsed values are shared between nodes and checks that way: nothing may
 * mutate them. Common params skip zod (`parseKnownParams`, which answers only what zod would).
 */
function parseParams(definition: AnyLayerDefinition, node: GraphNode, at: { readonly path: string }, out: Diagnostic[], parsed?: ParsedByKind): NodeParams {
  const last = parsed?.get(definition);
  // Parsing is a function of the params as written: the same as the last node's, the same result.
  if (last && sameParams(last.written, node.params)) return last.params;
  const known = parseKnownParams(definition.params, node.params);
  if (known) return shared(parsed, definition, node.params, known);
  const result = definition.params.safeParse(node.params);
  if (result.success) return shared(parsed, definition, node.params, result.data as Record<string, unknown>);
  const path = at.path;
  for (const error of describeParamIssues(result.error.issues, node.params, [])) {
    const fieldPath = `${path}.params${error.path === '(document)' ? '' : error.path.startsWith('[') ? error.path : `.${error.path}`}`;
    out.push(diagnostics.badParam(node.id, fieldPath, error.text));
  }
  return NOT_PARSED;
}

/** Per layer kind, the params of the last node of that kind that parsed, as written and as parsed: see `shared`. */
type ParsedByKind = Map<AnyLayerDefinition, { written: Record<string, unknown>; params: NodeParams & { ok: true } }>;

/**
 * The parsed params of the last node of the same kind when they equal `value`, else `value`'s
 * own: graphs repeat their layers (a stack of equal blocks, branches alike), and one object for
 * equal params keeps a big graph's check small, and lets check know equal layers by identity
 * (see `check.ts`, `Inference`). Parsed params are never mutated, so sharing them is safe.
 */
function shared(parsed: ParsedByKind | undefined, definition: AnyLayerDefinition, written: Record<string, unknown>, value: Record<string, unknown>): NodeParams & { ok: true } {
  const last = parsed?.get(definition);
  const params = last && sameParams(last.params.value, value) ? last.params : { ok: true as const, value };
  if (!last) parsed?.set(definition, { written, params });
  else {
    last.written = written;
    last.params = params;
  }
  return params;
}

/** Whether two parsed params hold the same values under the same keys (`Object.is`: 0 and -0 differ; arrays item by item; any other object only as the same object). */
function sameParams(a: Record<string, unknown>, b: Record<string, unknown>): boolean {
  let keys = 0;
  for (const key in a) {
    const x = a[key];
    const y = b[key];
    if (!Object.is(x, y) && !(Array.isArray(x) && Array.isArray(y) && sameItems(x, y, Object.is))) return false;
    if (y === undefined && !Object.hasOwn(b, key)) return false;
    keys++;
  }
  for (const _ in b) if (--keys < 0) return false;
  return keys === 0;
}

/** Params that did not parse (or were never parsed: an unknown kind); one object, as it carries nothing. */
const NOT_PARSED: NodeParams = Object.freeze({ ok: false });

/**
 * `['out']`, the output ports of almost every node, as one shared array rather than one per node.
 * Frozen: nothing may push to a node's `outputPorts` (the type stays `string[]` for its readers).
 */
const SINGLE_OUTPUT = Object.freeze(['out']) as string[];

/** A node's output ports from its parsed params: most kinds have one, `out`. */
function portsOf(definition: AnyLayerDefinition, params: NodeParams): string[] {
  return params.ok && definition.outputs ? outputPorts(definition, params.value) : SINGLE_OUTPUT;
}

/** No inputs (an Input, or nothing connected): one shared empty list. */
const NO_INPUTS = Object.freeze([]) as unknown as ResolvedNode['inputs'];

/** tfjs's own rule for layer and tensor names (tfjs-layers common.ts). */
const TFJS_NAME = /^[A-Za-z0-9][-A-Za-z0-9._/]*$/;

export function tfjsSafeName(name: string): string {
  const cleaned = name.normalize('NFKD').replace(/[^-A-Za-z0-9._/]+/g, '_').replace(/^[^A-Za-z0-9]+/, '');
  return cleaned || 'layer';
}

const VARIADIC_PORT = /^in(\d+)$/;

const edgeKey = (e: Edge) => `${e.from.node}\u0000${e.from.port}\u0000${e.to.node}\u0000${e.to.port}`;

const sameSource = (a: PortRef, b: PortRef) => a.node === b.node && a.port === b.port;

/** How many edges into one node are searched in a list before they are indexed by port. */
const FEW = 8;

function sourcesByPort(edges: readonly Edge[]): Map<string, PortRef[]> {
  const ports = new Map<string, PortRef[]>();
  for (const edge of edges) {
    const sources = ports.get(edge.to.port);
    if (sources) sources.push(edge.from);
    else ports.set(edge.to.port, [edge.from]);
  }
  return ports;
}

/**
 * Document (or block body) → resolved graph: every wiring mistake becomes a
 * diagnostic and the rest of the graph is still resolved. Linear in nodes + edges.
 * With `previous` (the graph of the document before an edit), nodes the edit kept take
 * their parsed params from there instead of parsing them again.
 */
export function resolveGraph(body: GraphBody, blocks: GraphDocument['blocks'], pathPrefix = '', blockStack: string[] = [], previous?: ResolvedGraph): ResolvedGraph {
  const out: Diagnostic[] = [];
  const nodes = new Map<string, ResolvedNodeRecord>();
  /** The first node with each name, for the nodes named apart from their id (a node's name is otherwise its id, found in `nodes`). */
  const names = new Map<string, string>();
  // Only sharing (`sharesWeightsWith`) looks nodes up by id before they are resolved.
  const byId = new Map<string, GraphNode>();
  if (body.nodes.some((node) => node.sharesWeightsWith !== undefined)) for (const node of body.nodes) if (!byId.has(node.id)) byId.set(node.id, node);
  /** The resolved nodes in document order (a node's `slot` is its place here). */
  const list: ResolvedNodeRecord[] = [];
  const parsed: ParsedByKind = new Map();
  /** The id of the first node so far named `name`: a node named so, or one with that id and no name of its own, whichever came first. */
  const firstNamed = (name: string): string | undefined => {
    const named = names.get(name);
    const byThatId = nodes.get(name);
    const unnamed = byThatId?.node.name === undefined ? byThatId : undefined;
    if (named === undefined || unnamed === undefined) return named ?? unnamed?.node.id;
    return nodes.get(named)!.slot < unnamed.slot ? named : name;
  };

  body.nodes.forEach((node, index) => {
    if (nodes.has(node.id)) {
      out.push(diagnostics.duplicateNodeId(node.id, `${pathPrefix}nodes[${index}].id`));
      return;
    }
    const name = node.name ?? node.id;
    const resolved = new ResolvedNodeRecord(node, index, list.length, name, pathPrefix);
    if (!TFJS_NAME.test(name)) out.push(diagnostics.invalidLayerName(node.id, name, `${resolved.path}.${node.name === undefined ? 'id' : 'name'}`, tfjsSafeName(name)));
    // A node without a name of its own is named by its id, which no earlier node has (see above): only a name can clash.
    const other = node.name === undefined ? names.get(name) : firstNamed(name);
    if (other !== undefined) out.push(diagnostics.duplicateName(name, node.id, other));
    else if (node.name !== undefined) names.set(name, node.id);

    // A sharing node with empty params takes its target's: they are one layer.
    const inheritFrom = inheritedParamsSource(node, byId);
    const params = inheritFrom?.params ?? node.params;
    if (node.type === BLOCK_TYPE) {
      const key = typeof params.block === 'string' ? params.block : '';
      // Own keys only: `"block": "toString"` must not find Object.prototype's method.
      const definition = Object.hasOwn(blocks, key) ? blocks[key] : undefined;
      if (!definition) out.push(diagnostics.unknownBlock(node.id, resolved.label, key));
      else if (blockStack.includes(key)) out.push(diagnostics.recursiveBlock(node.id, resolved.label, key));
      else {
        resolved.block = { key, definition };
        resolved.params = { ok: true, value: params };
        resolved.outputPorts = definition.outputs.length === 1 ? ['out'] : definition.outputs.map((_, i) => `out${i}`);
      }
    } else {
      const definition = findLayer(node.type);
      if (!definition) out.push(diagnostics.unknownLayerType(node.type, node.id, `${resolved.path}.type`));
      else {
        resolved.definition = definition;
        // Inherited params are the target's: their mistakes are reported once, on the target.
        const kept = inheritFrom ? undefined : reusableParams(previous, node, definition);
        resolved.params = kept ?? (inheritFrom ? parseParams(definition, inheritFrom, { path: inheritFrom.id }, []) : parseParams(definition, node, resolved, out, parsed));
        resolved.outputPorts = kept ? previous!.nodes.get(node.id)!.outputPorts : portsOf(definition, resolved.params);
      }
    }
    list.push(resolved);
    nodes.set(node.id, resolved);
  });
  for (const resolved of list) if (resolved.node.sharesWeightsWith !== undefined) resolveSharing(resolved, nodes, byId, out);

  // Wire edges to ports, refusing what can never be valid. Per-node facts live in arrays by
  // node index, not in maps keyed by strings built per edge: this loop runs on every edit.
  // Most nodes are fed by one edge and feed one port: those need no collection of their own.
  const wiring = new Wiring(list.length);
  /** Edges refused for a port that does not exist, to tell a repeat of one as a duplicate (accepted ones are in `wiring`). */
  const refused = new Set<string>();
  const edgePath = (index: number) => `${pathPrefix}edges[${index}]`; // built only for a diagnostic
  // Edges mostly name a node the edge before named, or the node after it in the document: a chain's
  // last target feeds the next edge, a fan-out repeats its source, a merge its target. Those are
  // tried first, by id, before a lookup.
  let lastFrom: ResolvedNodeRecord | undefined;
  let lastTo: ResolvedNodeRecord | undefined;
  const nodeNamed = (id: string, guess: ResolvedNodeRecord | undefined, other: ResolvedNodeRecord | undefined): ResolvedNodeRecord | undefined =>
    guess !== undefined && guess.node.id === id ? guess : other !== undefined && other.node.id === id ? other : nodes.get(id);
  body.edges.forEach((edge, index) => {
    const fromNode = nodeNamed(edge.from.node, lastTo, lastFrom);
    const toNode = nodeNamed(edge.to.node, lastTo, lastTo && list[lastTo.slot + 1]);
    if (fromNode) lastFrom = fromNode;
    if (toNode) lastTo = toNode;
    const fromIndex = fromNode?.slot;
    const toIndex = toNode?.slot;
    if (fromIndex === undefined) out.push(diagnostics.danglingEdge('from', edge.from.node, `${edgePath(index)}.from.node`));
    if (toIndex === undefined) out.push(diagnostics.danglingEdge('to', edge.to.node, `${edgePath(index)}.to.node`));
    if (fromIndex === undefined || toIndex === undefined) return;
    const from = list[fromIndex]!;
    const to = list[toIndex]!;
    if (wiring.has(toIndex, edge) || (refused.size > 0 && refused.has(edgeKey(edge)))) {
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
    wiring.add(fromIndex, toIndex, edge);
  });

  list.forEach((resolved, i) => {
    if (wiring.crowded.has(i)) {
      for (const [port, sources] of wiring.sourcesByPort(i)) {
        if (sources.length > 1) out.push(diagnostics.portHasTwoInputs(resolved.node.id, resolved.label, port, sources.map((s) => nodes.get(s.node)!.name)));
      }
    }
    resolved.inputs = orderInputs(resolved, wiring.fedPorts(i), out);
  });

  const order = topologicalOrder(list, nodes, wiring, out);
  const inputs = inputNodes(body, nodes, list);
  const outputs = modelOutputs(body, nodes, list, wiring, pathPrefix, out);
  for (const id of inputs) {
    const resolved = nodes.get(id)!;
    if (!wiring.feedsAny(resolved.slot, resolved.outputPorts)) out.push(diagnostics.unusedInput(id, resolved.label));
  }
  return { nodes, order, inputs, outputs, diagnostics: out };
}

/**
 * The params `previous` parsed for this very node object, when they can be taken over: documents
 * are immutable snapshots, so the same object under the same kind parses the same way (failures
 * are parsed again, for their diagnostics carry the node's path).
 */
function reusableParams(previous: ResolvedGraph | undefined, node: GraphNode, definition: AnyLayerDefinition): NodeParams | undefined {
  const before = previous?.nodes.get(node.id);
  return before && before.node === node && before.definition === definition && before.params.ok && node.sharesWeightsWith === undefined ? before.params : undefined;
}

/**
 * The accepted edges, by node index. A node fed by one edge keeps just that edge; a node fed by
 * a few keeps them in a short list, searched in place; only a node fed by many (a wide merge)
 * gets its sources indexed by port. Likewise the output ports a node feeds: the first one, then
 * any others. Nothing here is made per node for the common case of one edge in, one port out.
 */
class Wiring {
  /** Each node's first accepted edge. */
  private readonly first: (Edge | undefined)[];
  // The lists below hold what only some nodes have, and are made when the first such node comes.
  /** For a node fed by more than one edge: all of them, in document order. */
  private all: (Edge[] | undefined)[] | undefined;
  /** For a node fed by more than `FEW` edges: their sources by port, in the order the ports were first fed. */
  private byPort: (Map<string, PortRef[]> | undefined)[] | undefined;
  /** Nodes with a port that more than one edge feeds. */
  readonly crowded = new Set<number>();
  private readonly fedPort: (string | undefined)[];
  private moreFedPorts: (string[] | undefined)[] | undefined;

  /** The node that each node's first accepted edge comes from. */
  private readonly firstFrom: Int32Array;

  constructor(size: number) {
    this.first = new Array(size);
    this.firstFrom = new Int32Array(size);
    this.fedPort = new Array(size);
  }

  /** Whether this very edge (same source, same port) was accepted already. */
  has(to: number, edge: Edge): boolean {
    const ports = this.byPort?.[to];
    if (ports) return ports.get(edge.to.port)?.some((source) => sameSource(source, edge.from)) ?? false;
    const all = this.all?.[to];
    if (all) {
      for (let i = 0; i < all.length; i++) if (all[i]!.to.port === edge.to.port && sameSource(all[i]!.from, edge.from)) return true;
      return false;
    }
    const first = this.first[to];
    return first !== undefined && first.to.port === edge.to.port && sameSource(first.from, edge.from);
  }

  add(from: number, to: number, edge: Edge): void {
    const first = this.first[to];
    if (first === undefined) {
      this.first[to] = edge;
      this.firstFrom[to] = from;
    } else {
      const all = ((this.all ??= [])[to] ??= [first]);
      const ports = this.byPort?.[to];
      if (ports) {
        const sources = ports.get(edge.to.port);
        if (sources) {
          sources.push(edge.from);
          this.crowded.add(to);
        } else ports.set(edge.to.port, [edge.from]);
      } else if (all.some((other) => other.to.port === edge.to.port)) this.crowded.add(to);
      all.push(edge);
      if (!ports && all.length > FEW) (this.byPort ??= [])[to] = sourcesByPort(all);
    }
    const fed = this.fedPort[from];
    if (fed === undefined) this.fedPort[from] = edge.from.port;
    else if (fed !== edge.from.port) {
      const more = ((this.moreFedPorts ??= [])[from] ??= []);
      if (!more.includes(edge.from.port)) more.push(edge.from.port);
    }
  }

  /** The node `source` is, when it is the source of node `to`'s first accepted edge (most inputs are): no lookup needed. */
  firstProducer(to: number, source: PortRef): number | undefined {
    return this.first[to]?.from === source ? this.firstFrom[to] : undefined;
  }

  /** Each source of each port of a node that some port of it has two of (for that diagnostic). */
  sourcesByPort(index: number): ReadonlyMap<string, PortRef[]> {
    return this.byPort?.[index] ?? sourcesByPort(this.all?.[index] ?? []);
  }

  /**
   * A node's fed ports in the order they were first fed, each with its first source: the
   * node's inputs before they are put in call order. Each entry is made here, once.
   */
  fedPorts(index: number): ResolvedNode['inputs'] {
    const ports = this.byPort?.[index];
    if (ports) {
      const fed: ResolvedNode['inputs'] = [];
      ports.forEach((sources, port) => fed.push({ port, source: sources[0]! }));
      return fed;
    }
    const all = this.all?.[index];
    if (!all) {
      const first = this.first[index];
      return first ? [{ port: first.to.port, source: first.from }] : NO_INPUTS;
    }
    const fed: ResolvedNode['inputs'] = [];
    for (let i = 0; i < all.length; i++) {
      const edge = all[i]!;
      let seen = false;
      for (let j = 0; j < fed.length && !seen; j++) seen = fed[j]!.port === edge.to.port;
      if (!seen) fed.push({ port: edge.to.port, source: edge.from });
    }
    return fed;
  }

  /** Whether an accepted edge leaves any of these output ports of the node. */
  feedsAny(index: number, ports: readonly string[]): boolean {
    const fed = this.fedPort[index];
    if (fed === undefined) return false;
    const more = this.moreFedPorts?.[index];
    for (let i = 0; i < ports.length; i++) if (ports[i] === fed || more?.includes(ports[i]!)) return true;
    return false;
  }
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
  // From scratch, but parsing only the nodes the edit replaced.
  const resolveAgain = () => resolveGraph(body, blocks, '', [], previous.graph);
  if (!sameFrame || before.nodes.length !== body.nodes.length) return resolveAgain();
  const replaced = new Map<ResolvedNode, ResolvedNode>();
  for (let i = 0; i < body.nodes.length; i++) {
    const node = body.nodes[i]!;
    const old = before.nodes[i]!;
    if (node.sharesWeightsWith !== undefined) return resolveAgain();
    if (node === old) continue;
    const resolved = previous.graph.nodes.get(old.id);
    if (!resolved || resolved.node !== old || !resolved.definition || !resolved.params.ok) return resolveAgain();
    if (node.id !== old.id || node.type !== old.type || node.name !== old.name || node.weights !== old.weights) return resolveAgain();
    const params = parseParams(resolved.definition, node, resolved, []);
    if (!params.ok || !sameItems(portsOf(resolved.definition, params), resolved.outputPorts)) return resolveAgain();
    replaced.set(resolved, (resolved as ResolvedNodeRecord).withParams(node, params));
  }
  if (replaced.size === 0) return previous.graph;
  const nodes = new Map(previous.graph.nodes);
  for (const next of replaced.values()) nodes.set(next.node.id, next);
  const order = previous.graph.order.map((resolved) => replaced.get(resolved) ?? resolved);
  return { ...previous.graph, nodes, order };
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

/**
 * A node's inputs in call order, each from the first edge into its port; `fed` is its fed ports
 * in the order they were first fed (`Wiring.fedPorts`), whose entries become the inputs.
 */
function orderInputs(node: ResolvedNode, fed: ResolvedNode['inputs'], out: Diagnostic[]): ResolvedNode['inputs'] {
  if (!node.definition && !node.block) return fed;
  if (node.definition?.inputs.kind === 'variadic') {
    if (fed.length < node.definition.inputs.min) out.push(diagnostics.tooFewInputs(node.node.id, node.label, node.definition.inputs.min, fed.length));
    return inPortOrder(fed);
  }
  const declared = declaredInputPorts(node);
  const result: ResolvedNode['inputs'] = declared.length === 1 && fed.length === 1 && fed[0]!.port === declared[0] ? fed : [];
  if (result === fed) return fed;
  for (const port of declared) {
    const input = fed.find((entry) => entry.port === port);
    if (input) result.push(input);
    else out.push(diagnostics.missingInput(node.node.id, node.label, port));
  }
  return result.length ? result : NO_INPUTS;
}

/** A merge's inputs by port number (`in0`, `in1`, … `in10`), as they mostly are already. */
function inPortOrder(fed: ResolvedNode['inputs']): ResolvedNode['inputs'] {
  let sorted = true;
  for (let i = 1, last = fed.length ? portNumber(fed[0]!.port) : 0; i < fed.length && sorted; i++) {
    const number = portNumber(fed[i]!.port);
    sorted = last <= number;
    last = number;
  }
  if (sorted) return fed;
  // Each port's number is read once, not once per comparison: a merge may have thousands of inputs.
  const numbers = fed.map((input) => portNumber(input.port));
  return fed
    .map((input, i) => ({ input, index: numbers[i]! }))
    .sort((a, b) => a.index - b.index)
    .map(({ input }) => input);
}

/**
 * The number of a merge's port (`in0`, `in1`, … `in10`), read from its digits without making a
 * string. Every port here passed VARIADIC_PORT (`in` and digits) when its edge was accepted; a
 * number too long to add up exactly is left to `Number`, so both read it the same.
 */
function portNumber(port: string): number {
  if (port.length > 17) return Number(port.slice(2));
  let number = 0;
  for (let i = 2; i < port.length; i++) number = number * 10 + (port.charCodeAt(i) - 48);
  return number;
}

/**
 * Kahn's algorithm over node indexes; what is left over sits on or behind a cycle, and each cycle is reported once.
 * Each node's consumers are a slice of one flat array (`consumers[first[i]] … consumers[first[i + 1] - 1]`),
 * not an array per node: this runs on every structural edit, and small arrays are most of what it allocated.
 */
function topologicalOrder(list: ResolvedNodeRecord[], nodes: Map<string, ResolvedNodeRecord>, wiring: Wiring, out: Diagnostic[]): ResolvedNode[] {
  // Indexed loops, not for…of: an iterator per node's inputs was a good part of what this allocated.
  const first = new Int32Array(list.length + 1);
  /** Each input's producer, by position in `list`, input after input: read twice, looked up once. */
  let inputCount = 0;
  for (let i = 0; i < list.length; i++) inputCount += list[i]!.inputs.length;
  const producers = new Int32Array(inputCount);
  for (let i = 0, k = 0; i < list.length; i++) {
    const inputs = list[i]!.inputs;
    for (let j = 0, last = -1; j < inputs.length; j++, k++) {
      const source = inputs[j]!.source;
      // A merge's inputs mostly come from nodes one after another in the document: the one after the last is tried first.
      const next = last + 1;
      last = wiring.firstProducer(i, source) ?? (next > 0 && next < list.length && list[next]!.node.id === source.node ? next : nodes.get(source.node)!.slot);
      first[(producers[k] = last) + 1]!++;
    }
  }
  for (let i = 0; i < list.length; i++) first[i + 1]! += first[i]!;
  const consumers = new Int32Array(first[list.length]!);
  const filled = first.slice(0, list.length);
  for (let i = 0, k = 0; i < list.length; i++) {
    for (let j = 0; j < list[i]!.inputs.length; j++, k++) consumers[filled[producers[k]!]!++] = i;
  }

  const indegree = new Int32Array(list.length);
  const queue = new Int32Array(list.length);
  let tail = 0;
  for (let i = 0; i < list.length; i++) {
    indegree[i] = list[i]!.inputs.length;
    if (indegree[i] === 0) queue[tail++] = i;
  }
  const order: ResolvedNode[] = [];
  for (let head = 0; head < tail; head++) {
    const i = queue[head]!;
    order.push(list[i]!);
    for (let c = first[i]!; c < first[i + 1]!; c++) if (--indegree[consumers[c]!]! === 0) queue[tail++] = consumers[c]!;
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

function inputNodes(body: GraphBody, nodes: Map<string, ResolvedNode>, list: readonly ResolvedNode[]): string[] {
  if (body.inputOrder) return body.inputOrder.filter((id) => nodes.has(id));
  const inputs: string[] = [];
  for (let i = 0; i < list.length; i++) if (list[i]!.node.type === 'Input') inputs.push(list[i]!.node.id);
  return inputs;
}

/** The document's outputs, or else every output port of a node (not an Input) that feeds nothing; `list` is the nodes in document order. */
function modelOutputs(body: GraphBody, nodes: Map<string, ResolvedNode>, list: readonly ResolvedNode[], wiring: Wiring, pathPrefix: string, out: Diagnostic[]): PortRef[] {
  if (body.outputs) {
    return body.outputs.filter((ref, i) => {
      if (nodes.has(ref.node)) return true;
      out.push(diagnostics.unknownOutput(ref.node, `${pathPrefix}outputs[${i}].node`));
      return false;
    });
  }
  const outputs: PortRef[] = [];
  for (let i = 0; i < list.length; i++) {
    const node = list[i]!;
    if (node.node.type === 'Input' || wiring.feedsAny(i, node.outputPorts)) continue;
    for (const port of node.outputPorts) outputs.push({ node: node.node.id, port });
  }
  return outputs;
}
