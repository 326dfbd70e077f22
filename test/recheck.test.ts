/**
 * recheckGraph(previous, document) must be checkGraph(document) exactly — same shapes,
 * costs, diagnostics and order — while reusing what an edit cannot reach. The oracle is
 * the full check itself: random graphs (valid and broken alike, with merges, sharing and
 * a block) go through random single edits made with the editor's own edit functions.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Edge, GraphDocument, GraphDocumentInput } from '../schemas';
import { parseGraphDocument } from '../schemas';
import { checkGraph, recheckGraph, type CheckResult } from '../compiler/check';
import { addEdge, addNode, removeEdge, removeNodes, setName, setParam } from '../src/document/edits';

const SEED = 20261126;

function parse(input: GraphDocumentInput): GraphDocument {
  const parsed = parseGraphDocument(input);
  if (!parsed.ok) throw new Error(`unparsable test document: ${JSON.stringify(parsed.errors)}`);
  return parsed.document;
}

/** Full equality, and the same key order as JSON (so snapshots and saved reports cannot drift either). */
function expectSameCheck(incremental: CheckResult, full: CheckResult): void {
  expect(incremental).toEqual(full);
  expect(JSON.stringify(incremental.nodes)).toBe(JSON.stringify(full.nodes));
  expect(JSON.stringify(incremental.diagnostics)).toBe(JSON.stringify(full.diagnostics));
}

const KINDS = ['Dense', 'Dense', 'Dense', 'Add', 'Concatenate', 'Flatten', 'Dropout', 'Activation', 'Embedding', 'GRU', 'Block'] as const;

const nodeStep = fc.record({
  kind: fc.constantFrom(...KINDS),
  units: fc.integer({ min: 1, max: 5 }),
  /** Which earlier nodes feed it (modulo how many there are). */
  from: fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
  /** Share the layer of an earlier node of the same kind, when there is one. */
  share: fc.oneof({ weight: 5, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: fc.nat() }),
});

const graphSpec = fc.record({ inputs: fc.array(fc.constantFrom([4], [3], [2, 4]), { minLength: 1, maxLength: 2 }), steps: fc.array(nodeStep, { minLength: 1, maxLength: 12 }) });

/** A graph from a spec; some are valid, many are not (rank mismatches, wrong merges, bad sharing). */
function graphOf(spec: typeof graphSpec extends fc.Arbitrary<infer T> ? T : never): GraphDocument {
  const nodes: GraphDocumentInput['nodes'] = spec.inputs.map((shape, i) => ({ id: `in${i}`, type: 'Input', params: { shape } }));
  const edges: Edge[] = [];
  spec.steps.forEach((step, i) => {
    const id = `n${i}`;
    const earlier = nodes.map((n) => n.id);
    const feeds = step.from.map((k) => earlier[k % earlier.length]!);
    // Concatenate's axis is sometimes out of range: its diagnostic names the param by document path.
    const params: Record<string, unknown> = {
      Dense: { units: step.units },
      Activation: { activation: 'relu' },
      Dropout: { rate: 0.5 },
      Concatenate: { axis: step.units - 3 },
      Embedding: { inputDim: 10, outputDim: step.units },
      GRU: { units: step.units },
      Block: { block: 'pair' },
    }[step.kind as string] ?? {};
    const sameKind = nodes.filter((n) => n.type === step.kind);
    const sharesWeightsWith = step.share !== null && sameKind.length ? sameKind[step.share % sameKind.length]!.id : undefined;
    nodes.push({ id, type: step.kind, params, ...(sharesWeightsWith ? { sharesWeightsWith } : {}) });
    const ports = step.kind === 'Add' || step.kind === 'Concatenate' ? feeds.map((_, k) => `in${k}`) : ['in'];
    ports.forEach((port, k) => edges.push({ from: { node: feeds[k % feeds.length]!, port: 'out' }, to: { node: id, port } }));
  });
  return parse({
    format: 'layerwire.graph',
    version: 1,
    name: 'recheck',
    nodes,
    edges,
    blocks: {
      pair: {
        inputs: ['x'],
        outputs: [{ node: 'second', port: 'out' }],
        nodes: [
          { id: 'x', type: 'Input', params: { shape: [4] } },
          { id: 'first', type: 'Dense', params: { units: 3 } },
          { id: 'second', type: 'Dense', params: { units: 2 } },
        ],
        edges: [
          { from: { node: 'x', port: 'out' }, to: { node: 'first', port: 'in' } },
          { from: { node: 'first', port: 'out' }, to: { node: 'second', port: 'in' } },
        ],
      },
    },
  });
}

/** One edit as the editor makes it; `pick` chooses the node or edge, modulo how many there are. */
const edit = fc.oneof(
  fc.record({ kind: fc.constant('units' as const), pick: fc.nat(), value: fc.oneof(fc.integer({ min: 1, max: 6 }), fc.constantFrom(0, -2, 'bogus', undefined)) }),
  fc.record({ kind: fc.constant('inputShape' as const), pick: fc.nat(), value: fc.constantFrom([4], [3], [5], [2, 4], [], 'junk') }),
  fc.record({ kind: fc.constant('dtype' as const), pick: fc.nat(), value: fc.constantFrom('int32', 'float32') }),
  // returnState adds an output port: edges from it appear or vanish.
  fc.record({ kind: fc.constant('returnState' as const), pick: fc.nat(), value: fc.boolean() }),
  fc.record({ kind: fc.constant('activation' as const), pick: fc.nat(), value: fc.constantFrom('tanh', 'softmax', 'nonsense', undefined) }),
  fc.record({ kind: fc.constant('name' as const), pick: fc.nat(), value: fc.constantFrom('renamed', 'n0', 'in0', 'bad name!', undefined) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('removeEdge' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('addEdge' as const), pick: fc.nat(), to: fc.nat(), port: fc.constantFrom('in', 'in0', 'in1', 'in5'), from: fc.constantFrom('out', 'out', 'out1') }),
  fc.record({ kind: fc.constant('addNode' as const), type: fc.constantFrom('Dense', 'Flatten', 'Add') }),
);

type Edit = typeof edit extends fc.Arbitrary<infer T> ? T : never;

function apply(document: GraphDocument, change: Edit): GraphDocument {
  const nodeAt = (k: number) => document.nodes[k % document.nodes.length]!;
  const inputs = document.nodes.filter((n) => n.type === 'Input');
  switch (change.kind) {
    case 'units':
      return setParam(document, nodeAt(change.pick).id, 'units', change.value);
    case 'inputShape':
      return inputs.length ? setParam(document, inputs[change.pick % inputs.length]!.id, 'shape', change.value) : document;
    case 'dtype':
      return inputs.length ? setParam(document, inputs[change.pick % inputs.length]!.id, 'dtype', change.value) : document;
    case 'returnState': {
      const recurrent = document.nodes.filter((n) => n.type === 'GRU');
      return recurrent.length ? setParam(document, recurrent[change.pick % recurrent.length]!.id, 'returnState', change.value) : document;
    }
    case 'activation':
      return setParam(document, nodeAt(change.pick).id, 'activation', change.value);
    case 'name':
      return setName(document, nodeAt(change.pick).id, change.value);
    case 'remove':
      return removeNodes(document, [nodeAt(change.pick).id]);
    case 'removeEdge':
      return document.edges.length ? removeEdge(document, document.edges[change.pick % document.edges.length]!) : document;
    case 'addEdge':
      return addEdge(document, { from: { node: nodeAt(change.pick).id, port: change.from }, to: { node: nodeAt(change.to).id, port: change.port } });
    case 'addNode':
      return addNode(document, change.type, { x: 0, y: 0 }, change.type === 'Dense' ? { units: 2 } : {}).document;
  }
}

describe('resolve, which every check and recheck runs', () => {
  it('reports a repeated edge once as a duplicate, whether the first copy was accepted or refused', () => {
    const edge = (from: string, fromPort: string, to: string, toPort: string): Edge => ({ from: { node: from, port: fromPort }, to: { node: to, port: toPort } });
    const document = parse({
      format: 'layerwire.graph',
      version: 1,
      name: 'wiring',
      nodes: [
        { id: 'x', type: 'Input', params: { shape: [4] } },
        { id: 'y', type: 'Input', params: { shape: [4] } },
        { id: 'dense', type: 'Dense', params: { units: 2 } },
        { id: 'add', type: 'Add', params: {} },
      ],
      edges: [
        edge('x', 'out', 'dense', 'in'),
        edge('x', 'out', 'dense', 'in'), // the same edge again: a duplicate
        edge('y', 'out', 'dense', 'in'), // another source for the same port
        edge('x', 'out', 'dense', 'nope'), // no such port: refused
        edge('x', 'out', 'dense', 'nope'), // and its repeat is a duplicate, not a second refusal
        edge('x', 'out', 'add', 'in0'),
        edge('x', 'out', 'add', 'in1'), // the same producer on another port: not a duplicate
        edge('ghost', 'out', 'add', 'in2'),
        edge('ghost', 'out', 'add', 'in2'), // dangling twice: reported twice
      ],
    });
    const wiring = checkGraph(document).diagnostics.filter((d) => d.phase === 'resolve').map((d) => `${d.code} ${d.path ?? d.nodeId}`);
    // LW116 duplicate edge, LW105 unknown port, LW104 dangling edge, LW106 two inputs on one port.
    expect(wiring).toEqual(['LW116 edges[1]', 'LW105 edges[3].to.port', 'LW116 edges[4]', 'LW104 edges[7].from.node', 'LW104 edges[8].from.node', 'LW106 dense']);
  });
});

describe('recheckGraph', () => {
  it('after any single edit, equals a full check of the edited document', () => {
    fc.assert(
      fc.property(graphSpec, edit, (spec, change) => {
        const before = graphOf(spec);
        const after = apply(before, change);
        expectSameCheck(recheckGraph(checkGraph(before), after), checkGraph(after));
      }),
      { seed: SEED, numRuns: 400 },
    );
  });

  it('stays equal to a full check through a run of edits, each rechecked from the last', () => {
    fc.assert(
      fc.property(graphSpec, fc.array(edit, { minLength: 2, maxLength: 6 }), (spec, changes) => {
        let document = graphOf(spec);
        let check = checkGraph(document);
        for (const change of changes) {
          document = apply(document, change);
          check = recheckGraph(check, document);
          expectSameCheck(check, checkGraph(document));
        }
      }),
      { seed: SEED + 1, numRuns: 150 },
    );
  });

  it('leaves the previous check as it was when nodes share weights, through edits on either side of the sharing', () => {
    const nodes: GraphDocumentInput['nodes'] = [
      { id: 'x', type: 'Input', params: { shape: [8] } },
      { id: 'a', type: 'Dense', params: { units: 8 } },
      { id: 'b', type: 'Dense', params: {}, sharesWeightsWith: 'a' },
      { id: 'c', type: 'Dense', params: { units: 4 } },
    ];
    const edges: Edge[] = [
      { from: { node: 'x', port: 'out' }, to: { node: 'a', port: 'in' } },
      { from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } },
      { from: { node: 'b', port: 'out' }, to: { node: 'c', port: 'in' } },
    ];
    const document = parse({ format: 'layerwire.graph', version: 1, name: 'shared', nodes, edges });
    const previous = checkGraph(document);
    expect(previous.byId.get('b')!.params).toBe(0);
    for (const edited of [setParam(document, 'c', 'units', 5), setParam(document, 'x', 'shape', [9]), setParam(document, 'c', 'activation', 'tanh')]) {
      expectSameCheck(recheckGraph(previous, edited), checkGraph(edited));
      expect(previous).toEqual(checkGraph(document));
    }
  });

  it('reuses what lies upstream of an edit and infers again what lies downstream', () => {
    const nodes: GraphDocumentInput['nodes'] = [{ id: 'n0', type: 'Input', params: { shape: [8] } }];
    const edges: Edge[] = [];
    for (let i = 1; i < 50; i++) {
      nodes.push({ id: `n${i}`, type: 'Dense', params: { units: 8 } });
      edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: `n${i}`, port: 'in' } });
    }
    const document = parse({ format: 'layerwire.graph', version: 1, name: 'chain', nodes, edges });
    const previous = checkGraph(document);
    const edited = setParam(document, 'n40', 'units', 3);
    const next = recheckGraph(previous, edited);

    expectSameCheck(next, checkGraph(edited));
    // Reused outcomes are the very objects the previous check made; recomputed ones are new.
    const reused = (result: CheckResult, id: string) => result.byId.get(id)!.outputs === previous.byId.get(id)!.outputs;
    const ids = nodes.map((n) => n.id);
    // n40 changed and n41 gets a new input shape; n42 gets [?, 8] from n41 as before, so inference stops there.
    expect(ids.filter((id) => !reused(next, id))).toEqual(['n40', 'n41']);
    // A node the edit cannot reach keeps its report itself, not a copy: an edit allocates for what it changed.
    expect(next.byId.get('n10')).toBe(previous.byId.get('n10'));
    expect(next.byId.get('n45')).toBe(previous.byId.get('n45'));
    expect(next.byId.get('n41')!.params).toBe(3 * 8 + 8);
    // An edit that changes no shape reaches only the edited node.
    const tanh = recheckGraph(previous, setParam(document, 'n40', 'activation', 'tanh'));
    expect(ids.filter((id) => !reused(tanh, id))).toEqual(['n40']);
    // Removing a node shifts the document path of every later node: their outcomes (diagnostics carry paths) are made again.
    const removed = removeNodes(document, ['n45']);
    expectSameCheck(recheckGraph(previous, removed), checkGraph(removed));
    // A previous check never changes because of a recheck.
    expect(previous).toEqual(checkGraph(document));
  });
});
