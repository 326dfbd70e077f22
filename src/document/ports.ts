import type { GraphDocument, GraphNode } from '../../schemas/graph';
import type { CheckResult } from '../../compiler/check';
import { findLayer } from '../../compiler/layers/registry';
import { BLOCK_TYPE } from '../../compiler/resolve';

/** The ports a node shows: declared ones first, then any an edge uses, so every wire in the document can be drawn. */
export interface NodePorts {
  inputs: string[];
  outputs: string[];
  /** For merge layers: the always-free next port (`in2` after `in0`, `in1`). */
  spareInput?: string;
}

const VARIADIC = /^in(\d+)$/;

/**
 * The block a Block node calls: its own `params.block`, or, for a node that
 * shares weights with empty params, its owner's (the params it inherits).
 */
export function blockKeyOf(node: GraphNode, document: Pick<GraphDocument, 'nodes'>): string | undefined {
  if (typeof node.params.block === 'string') return node.params.block;
  if (node.sharesWeightsWith === undefined || Object.keys(node.params).length > 0) return undefined;
  const owner = document.nodes.find((n) => n.id === node.sharesWeightsWith);
  return owner && owner !== node && owner.type === node.type && typeof owner.params.block === 'string' ? owner.params.block : undefined;
}

export function declaredInputs(node: GraphNode, document: GraphDocument, wiredInputs: readonly string[]): { ports: string[]; spare?: string } {
  if (node.type === BLOCK_TYPE) {
    const key = blockKeyOf(node, document);
    const block = key !== undefined && Object.hasOwn(document.blocks, key) ? document.blocks[key] : undefined;
    if (!block) return { ports: [] };
    return { ports: block.inputs.length === 1 ? ['in'] : block.inputs.map((_, i) => `in${i}`) };
  }
  const definition = findLayer(node.type);
  if (!definition) return { ports: [] };
  if (definition.inputs.kind === 'fixed') return { ports: definition.inputs.ports.map((p) => p.name) };
  const used = wiredInputs.map((p) => VARIADIC.exec(p)).filter((m) => m !== null).map((m) => Number(m[1]));
  const count = Math.max(definition.inputs.min, used.length ? Math.max(...used) + 1 : 0);
  const ports = Array.from({ length: count }, (_, i) => `in${i}`);
  const spare = `in${count}`;
  return { ports: [...ports, spare], spare };
}

/** Output port names: what resolve derived from the parameters, or `out` where it could not. */
export function outputsOf(node: GraphNode, check: CheckResult): string[] {
  const resolved = check.graph.nodes.get(node.id);
  return resolved && resolved.node === node ? resolved.outputPorts : ['out'];
}

export function portsOf(node: GraphNode, document: GraphDocument, check: CheckResult, wired: { inputs: string[]; outputs: string[] }): NodePorts {
  const declared = declaredInputs(node, document, wired.inputs);
  const inputs = [...declared.ports];
  for (const port of wired.inputs) if (!inputs.includes(port)) inputs.push(port);
  const outputs = [...outputsOf(node, check)];
  for (const port of wired.outputs) if (!outputs.includes(port)) outputs.push(port);
  return { inputs, outputs, ...(declared.spare ? { spareInput: declared.spare } : {}) };
}

/** Ports each node's edges use, in one pass over the edges. */
export function wiredPorts(document: GraphDocument): Map<string, { inputs: string[]; outputs: string[] }> {
  const wired = new Map<string, { inputs: string[]; outputs: string[] }>();
  const entry = (id: string) => {
    let e = wired.get(id);
    if (!e) wired.set(id, (e = { inputs: [], outputs: [] }));
    return e;
  };
  for (const edge of document.edges) {
    const to = entry(edge.to.node);
    if (!to.inputs.includes(edge.to.port)) to.inputs.push(edge.to.port);
    const from = entry(edge.from.node);
    if (!from.outputs.includes(edge.from.port)) from.outputs.push(edge.from.port);
  }
  return wired;
}

/** The input port a new wire into this kind should use: the first free declared port. */
export function firstFreeInput(node: GraphNode, document: GraphDocument): string | undefined {
  const wired = document.edges.filter((e) => e.to.node === node.id).map((e) => e.to.port);
  const { ports } = declaredInputs(node, document, wired);
  return ports.find((p) => !wired.includes(p));
}
