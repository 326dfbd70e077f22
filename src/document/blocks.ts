import type { BlockDefinition, Edge, GraphDocument, GraphNode, PortRef } from '../../schemas/graph';
import type { TrainingConfig } from '../../schemas/training';
import type { CheckResult } from '../../compiler/check';
import { BLOCK_TYPE } from '../../compiler/resolve';
import { freshId, takenNames } from './ids';
import { blockKeyOf } from './ports';

/**
 * Moving nodes into a block and back out: pure edits that leave the model's
 * shapes, parameters and predictions as they were, because every wire that
 * crosses the boundary is kept, only routed through the Block node's ports.
 */

const INPUT_TYPE = 'Input';
const refKey = (ref: PortRef) => `${ref.node}\u0000${ref.port}`;
const centre = (nodes: readonly GraphNode[]) => ({
  x: Math.round(nodes.reduce((s, n) => s + n.position.x, 0) / nodes.length),
  y: Math.round(nodes.reduce((s, n) => s + n.position.y, 0) / nodes.length),
});
/** A Block node's port names for `count` ports: `in`/`out` for one, `in0`/`out0`… for several (as resolve names them). */
const blockPorts = (prefix: 'in' | 'out', count: number) => (count === 1 ? [prefix] : Array.from({ length: count }, (_, i) => `${prefix}${i}`));

export type GroupRefusal = 'empty' | 'unknown-shape' | 'shared-across' | 'per-output-loss';
export type GroupResult = { document: GraphDocument; node: string; block: string } | { refusal: GroupRefusal };

/** The nodes of a selection that can go into a block: everything but Input nodes. */
export function groupable(document: GraphDocument, ids: Iterable<string>): string[] {
  const wanted = new Set(ids);
  return document.nodes.filter((n) => wanted.has(n.id) && n.type !== INPUT_TYPE).map((n) => n.id);
}

/**
 * Moves the selected nodes (Input nodes excepted) into a new block and puts
 * one Block node in their place. Each distinct output feeding the selection
 * from outside becomes one block input (an Input node shaped like the checked
 * shape of that wire, unknown dims and symbols kept); each output used outside
 * (by a wire or as a model output) becomes one block output. Refused when a
 * wire's shape is unknown, or when weight sharing crosses the boundary.
 */
export function groupIntoBlock(document: GraphDocument, check: CheckResult, ids: Iterable<string>): GroupResult {
  const inside = new Set(groupable(document, ids));
  if (inside.size === 0) return { refusal: 'empty' };
  const members = document.nodes.filter((n) => inside.has(n.id));
  const crosses = document.nodes.some((n) => n.sharesWeightsWith !== undefined && inside.has(n.id) !== inside.has(n.sharesWeightsWith));
  if (crosses) return { refusal: 'shared-across' };

  const taken = takenNames(document);
  const blockKey = freshId('block', new Set(Object.keys(document.blocks)));
  const blockId = freshId(blockKey, taken);

  // Block inputs: one per distinct outside output that feeds the selection, in order of first use.
  const entering = document.edges.filter((e) => inside.has(e.to.node) && !inside.has(e.from.node));
  const sources: PortRef[] = [];
  for (const e of entering) if (!sources.some((s) => refKey(s) === refKey(e.from))) sources.push(e.from);
  const innerTaken = new Set(members.flatMap((n) => [n.id, ...(n.name ? [n.name] : [])]));
  const inputNodes: GraphNode[] = [];
  for (const source of sources) {
    const shape = check.byId.get(source.node)?.outputs.find((o) => o.port === source.port)?.shape;
    if (!shape) return { refusal: 'unknown-shape' };
    const producer = document.nodes.find((n) => n.id === source.node);
    const dtype = producer?.type === INPUT_TYPE && producer.params.dtype === 'int32' ? 'int32' : undefined;
    const consumers = entering.filter((e) => refKey(e.from) === refKey(source)).map((e) => members.find((n) => n.id === e.to.node)!);
    const at = centre(consumers);
    inputNodes.push({
      id: freshId(`${source.node}_in`, innerTaken),
      type: INPUT_TYPE,
      params: { shape: shape.slice(1), ...(dtype ? { dtype } : {}) },
      position: { x: at.x, y: at.y - 150 },
    });
  }
  const inputFor = new Map(sources.map((s, i) => [refKey(s), inputNodes[i]!.id]));

  // Block outputs: each inside output used outside, by a wire or as a model output, in order of first use.
  const modelOutputs = check.graph.outputs;
  const leaving = document.edges.filter((e) => inside.has(e.from.node) && !inside.has(e.to.node));
  const exits: PortRef[] = [];
  for (const ref of [...leaving.map((e) => e.from), ...modelOutputs.filter((o) => inside.has(o.node))]) {
    if (!exits.some((x) => refKey(x) === refKey(ref))) exits.push(ref);
  }
  if (exits.length === 0) return { refusal: 'empty' };
  const inPorts = blockPorts('in', sources.length);
  const outPorts = blockPorts('out', exits.length);
  const outFor = new Map(exits.map((x, i) => [refKey(x), outPorts[i]!]));

  const block: BlockDefinition = {
    nodes: [...inputNodes, ...members],
    edges: [
      ...entering.map((e) => ({ from: { node: inputFor.get(refKey(e.from))!, port: 'out' }, to: e.to })),
      ...document.edges.filter((e) => inside.has(e.from.node) && inside.has(e.to.node)),
    ],
    inputs: inputNodes.map((n) => n.id),
    outputs: exits,
  };
  const blockNode: GraphNode = { id: blockId, type: BLOCK_TYPE, params: { block: blockKey }, position: centre(members) };
  const outside = (e: Edge) => !inside.has(e.from.node) && !inside.has(e.to.node);
  const edges: Edge[] = [
    ...document.edges.filter(outside),
    ...sources.map((s, i) => ({ from: s, to: { node: blockId, port: inPorts[i]! } })),
    ...leaving.map((e) => ({ from: { node: blockId, port: outFor.get(refKey(e.from))! }, to: e.to })),
  ];
  const moved = modelOutputs.filter((o) => inside.has(o.node));
  const movesOutputs = moved.length > 0;
  // Losses are keyed by output node id: one moved output can take the Block node's id, several cannot.
  if (moved.length > 1 && perOutputTraining(document)) return { refusal: 'per-output-loss' };
  const outputs = movesOutputs ? modelOutputs.map((o) => (inside.has(o.node) ? { node: blockId, port: outFor.get(refKey(o))! } : o)) : document.outputs;
  const next: GraphDocument = {
    ...document,
    nodes: [...document.nodes.filter((n) => !inside.has(n.id)), blockNode],
    edges,
    blocks: { ...document.blocks, [blockKey]: block },
  };
  if (outputs) next.outputs = outputs;
  if (moved.length === 1 && document.training) next.training = renameOutput(document.training, moved[0]!.node, blockId);
  return { document: next, node: blockId, block: blockKey };
}

const perOutputTraining = (document: GraphDocument) => document.training !== undefined && (typeof document.training.loss !== 'string' || document.training.lossWeights !== undefined);

/** The training config with the loss (and loss weight) of output node `from` now keyed by `to`. */
function renameOutput(training: TrainingConfig, from: string, to: string): TrainingConfig {
  const rekey = <T>(record: Record<string, T>) => Object.fromEntries(Object.entries(record).map(([k, v]) => [k === from ? to : k, v]));
  return {
    ...training,
    loss: typeof training.loss === 'string' ? training.loss : rekey(training.loss),
    ...(training.lossWeights ? { lossWeights: rekey(training.lossWeights) } : {}),
  };
}

export type UngroupRefusal = 'not-a-block' | 'shared-owner';
export type UngroupResult = { document: GraphDocument; ids: string[] } | { refusal: UngroupRefusal };

/**
 * Puts a Block node's body back in its place: its nodes under fresh ids (names
 * dropped where taken), its Input nodes replaced by the wires that fed the
 * Block node, its outputs wired to what the Block node fed. A block no other
 * node uses any more leaves the library. Refused for a Block node whose layer
 * other nodes call again (their weights live in it).
 */
export function ungroupBlock(document: GraphDocument, id: string): UngroupResult {
  const node = document.nodes.find((n) => n.id === id);
  const key = node && node.type === BLOCK_TYPE ? blockKeyOf(node, document) : undefined;
  const block = key !== undefined && Object.hasOwn(document.blocks, key) ? document.blocks[key]! : undefined;
  if (!node || key === undefined || !block) return { refusal: 'not-a-block' };
  if (document.nodes.some((n) => n.sharesWeightsWith === id)) return { refusal: 'shared-owner' };

  const inPorts = blockPorts('in', block.inputs.length);
  const outPorts = blockPorts('out', block.outputs.length);
  const feeding = new Map(document.edges.filter((e) => e.to.node === id).map((e) => [e.to.port, e.from]));
  const inputsInside = new Set(block.inputs);
  const taken = takenNames(document);
  taken.delete(id);
  const renamed = new Map<string, string>();
  const body = block.nodes.filter((n) => !inputsInside.has(n.id));
  const origin = centre(body.length ? body : [node]);
  const nodes = body.map((n) => {
    const fresh = freshId(n.id, taken);
    renamed.set(n.id, fresh);
    return { n, fresh };
  }).map(({ n, fresh }) => {
    const { name, sharesWeightsWith, ...rest } = n;
    const keepName = name !== undefined && !taken.has(name);
    if (keepName) taken.add(name);
    return {
      ...rest,
      id: fresh,
      ...(keepName ? { name } : {}),
      ...(sharesWeightsWith !== undefined ? { sharesWeightsWith: renamed.get(sharesWeightsWith) ?? sharesWeightsWith } : {}),
      position: { x: node.position.x + n.position.x - origin.x, y: node.position.y + n.position.y - origin.y },
    };
  });

  /** Where an inner output comes from outside: a body node's fresh id, or what fed the Block node for an Input node. */
  const outer = (ref: PortRef): PortRef | undefined => {
    const index = block.inputs.indexOf(ref.node);
    if (index >= 0) return feeding.get(inPorts[index]!);
    const fresh = renamed.get(ref.node);
    return fresh === undefined ? undefined : { node: fresh, port: ref.port };
  };
  const exitOf = (port: string) => {
    const index = outPorts.indexOf(port);
    return index >= 0 ? outer(block.outputs[index]!) : undefined;
  };

  const edges: Edge[] = document.edges.filter((e) => e.from.node !== id && e.to.node !== id);
  for (const e of block.edges) {
    const from = outer(e.from);
    const to = renamed.get(e.to.node);
    if (from && to !== undefined) edges.push({ from, to: { node: to, port: e.to.port } });
  }
  for (const e of document.edges.filter((e) => e.from.node === id && e.to.node !== id)) {
    const from = exitOf(e.from.port);
    if (from) edges.push({ from, to: e.to });
  }
  const outputs = document.outputs?.flatMap((o) => (o.node === id ? (exitOf(o.port) ? [exitOf(o.port)!] : []) : [o]));
  const remaining = document.nodes.filter((n) => n.id !== id);
  // In the Block node's place, so implicit model outputs (unconnected ports, in node order) keep their order.
  const at = document.nodes.indexOf(node);
  const stillUsed = remaining.some((n) => n.type === BLOCK_TYPE && blockKeyOf(n, document) === key) || Object.entries(document.blocks).some(([k, b]) => k !== key && b.nodes.some((n) => n.type === BLOCK_TYPE && n.params.block === key));
  const blocks = { ...document.blocks };
  if (!stillUsed) delete blocks[key];
  const next: GraphDocument = { ...document, nodes: [...remaining.slice(0, at), ...nodes, ...remaining.slice(at)], edges, blocks };
  if (outputs) next.outputs = outputs;
  const exits = document.outputs === undefined ? [] : document.outputs.filter((o) => o.node === id);
  const single = block.outputs.length === 1 ? exitOf(outPorts[0]!) : exits.length === 1 ? exitOf(exits[0]!.port) : undefined;
  if (document.training && single) next.training = renameOutput(document.training, id, single.node);
  return { document: next, ids: nodes.map((n) => n.id) };
}
