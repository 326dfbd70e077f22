/**
 * resolveGraph keeps the edges into a node in three ways (one edge; a short list; an index by
 * port past a few), and finds a clashing layer name without a map entry per unnamed node.
 * These cases cross each of those lines; the expected inputs and diagnostics are written out
 * from the rules (first edge into a port wins, merges take ports by number, a name clashes with
 * the first node that had it), not taken from the code under test.
 */
import { describe, expect, it } from 'vitest';
import type { Edge, GraphDocumentInput } from '../schemas';
import { parseGraphDocument } from '../schemas';
import { resolveGraph } from '../compiler/resolve';

function resolve(nodes: GraphDocumentInput['nodes'], edges: Edge[]) {
  const parsed = parseGraphDocument({ format: 'layerwire.graph', version: 1, name: 'wiring', nodes, edges });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  const { document } = parsed;
  return resolveGraph({ nodes: document.nodes, edges: document.edges }, document.blocks);
}

const edge = (from: string, to: string, port: string): Edge => ({ from: { node: from, port: 'out' }, to: { node: to, port } });
const codes = (graph: ReturnType<typeof resolve>) => graph.diagnostics.map((d) => `${d.code} ${d.path ?? d.nodeId}${d.port ? `:${d.port}` : ''}`);

describe('resolveGraph wiring', () => {
  /** An Input, `count` Dense branches b0…, and one Add fed by `feeds`. */
  const merge = (count: number, feeds: Edge[]) =>
    resolve(
      [
        { id: 'x', type: 'Input', params: { shape: [4] } },
        ...Array.from({ length: count }, (_, i) => ({ id: `b${i}`, type: 'Dense', params: { units: 4 } })),
        { id: 'add', type: 'Add', params: {} },
      ],
      [...Array.from({ length: count }, (_, i) => edge('x', `b${i}`, 'in')), ...feeds],
    );

  it('orders merge ports by their number, leading zeros and numbers past 2^53 included', () => {
    const ports = ['in10', 'in99999999999999999999', 'in9', 'in0100', 'in2', 'in000'];
    const graph = merge(ports.length, ports.map((port, i) => edge(`b${i}`, 'add', port)));
    expect(graph.nodes.get('add')!.inputs.map((input) => input.port)).toEqual(['in000', 'in2', 'in9', 'in10', 'in0100', 'in99999999999999999999']);
  });

  it('finds the producers of a merge whose inputs come from nodes in any order in the document', () => {
    // Branches fed to the merge out of document order, then one in order: the producer of each input is the node named, wherever it is.
    const order = [3, 0, 4, 1, 2, 5];
    const graph = merge(order.length, order.map((b, i) => edge(`b${b}`, 'add', `in${i}`)));
    expect(graph.nodes.get('add')!.inputs.map((input) => input.source.node)).toEqual(order.map((b) => `b${b}`));
    expect(graph.order.at(-1)!.node.id).toBe('add');
    expect(graph.diagnostics).toEqual([]);
  });

  for (const count of [2, 8, 9, 20]) {
    it(`orders ${count} merge inputs by port number, takes the first source of a port, and reports repeats (past the short list: ${count > 8})`, () => {
      // Ports fed in reverse, then: the same edge again (a duplicate), and a second source on in0 (two inputs on one port).
      const feeds = Array.from({ length: count }, (_, i) => edge(`b${count - 1 - i}`, 'add', `in${count - 1 - i}`));
      feeds.push(edge('b1', 'add', 'in1'), edge('b1', 'add', 'in0'));
      const graph = merge(count, feeds);
      const add = graph.nodes.get('add')!;
      expect(add.inputs.map((i) => `${i.port}<${i.source.node}`)).toEqual(Array.from({ length: count }, (_, i) => `in${i}<b${i}`));
      const duplicateAt = count + count; // edges: count into the branches, count into the merge, then the repeat
      expect(codes(graph)).toEqual([`LW116 edges[${duplicateAt}]:in1`, 'LW106 add:in0']);
      expect(graph.diagnostics[1]!.message).toContain("('b0', 'b1')");
      expect(graph.order.at(-1)!.node.id).toBe('add');
    });
  }

  it('keeps a fixed port to its first edge however many edges crowd in', () => {
    const nodes: GraphDocumentInput['nodes'] = [{ id: 'x', type: 'Input', params: { shape: [4] } }, { id: 'y', type: 'Input', params: { shape: [4] } }, { id: 'd', type: 'Dense', params: { units: 2 } }];
    const edges = Array.from({ length: 12 }, (_, i) => edge(i % 2 ? 'y' : 'x', 'd', 'in'));
    const graph = resolve(nodes, edges);
    expect(graph.nodes.get('d')!.inputs).toEqual([{ port: 'in', source: { node: 'x', port: 'out' } }]);
    // Ten repeats of the two distinct edges, then the port fed by two outputs.
    expect(codes(graph)).toEqual([...Array.from({ length: 10 }, (_, i) => `LW116 edges[${i + 2}]:in`), 'LW106 d:in']);
  });

  it('finds a clashing name whether the first holder was named so or had that id', () => {
    const graph = resolve(
      [
        { id: 'x', type: 'Input', params: { shape: [4] } },
        { id: 'a', type: 'Dense', params: { units: 2 } }, // named 'a' by its id
        { id: 'n1', name: 'a', type: 'Dense', params: { units: 2 } }, // clashes with 'a', which came first
        { id: 'n2', name: 'z', type: 'Dense', params: { units: 2 } },
        { id: 'z', type: 'Dense', params: { units: 2 } }, // named 'z' by its id: clashes with n2, named so before it
        { id: 'n3', name: 'z', type: 'Dense', params: { units: 2 } }, // the first 'z' is n2, not the node with id z
      ],
      [edge('x', 'a', 'in'), edge('a', 'n1', 'in'), edge('n1', 'n2', 'in'), edge('n2', 'z', 'in'), edge('z', 'n3', 'in')],
    );
    const clashes = graph.diagnostics.filter((d) => d.code === 'LW102').map((d) => `${d.nodeId} after ${d.related![0]!.nodeId}`);
    expect(clashes).toEqual(['n1 after a', 'z after n2', 'n3 after n2']);
  });
});
