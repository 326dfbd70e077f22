import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { parseGraphDocument, type GraphDocumentInput } from '../schemas';
import { checkGraph } from '../compiler/check';
import { summarize } from '../compiler/summary';

type NodeInput = GraphDocumentInput['nodes'][number];
const e = (from: string, to: string, toPort = 'in', fromPort = 'out') => ({ from: { node: from, port: fromPort }, to: { node: to, port: toPort } });

function check(nodes: NodeInput[], edges: ReturnType<typeof e>[], extra: Partial<GraphDocumentInput> = {}) {
  const parsed = parseGraphDocument({ format: 'layerwire.graph', version: 1, nodes, edges, ...extra });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return checkGraph(parsed.document);
}

const input = (id: string, shape: (number | string | null)[]): NodeInput => ({ id, type: 'Input', params: { shape } });
const dense = (id: string, units: number, extra: Record<string, unknown> = {}): NodeInput => ({ id, type: 'Dense', params: { units, ...extra } });
const codes = (r: ReturnType<typeof check>) => r.diagnostics.map((d) => d.code).sort();

describe('resolve: wiring mistakes are diagnostics, never exceptions', () => {
  it('reports a cycle once, naming its layers in order', () => {
    const r = check([input('x', [4]), dense('a', 3), dense('b', 3), { id: 'c', type: 'Concatenate', params: {} }], [e('x', 'c', 'in0'), e('b', 'c', 'in1'), e('c', 'a'), e('a', 'b')]);
    const cycles = r.diagnostics.filter((d) => d.code === 'LW109');
    expect(cycles).toHaveLength(1);
    expect(cycles[0]!.message).toMatch(/cycle: a → b → c → a;/);
    expect(r.ok).toBe(false);
    // Nodes on the cycle are kept, without shapes.
    expect(r.byId.get('a')!.outputs[0]!.shape).toBeUndefined();
  });

  it('reports a self-loop', () => {
    const r = check([input('x', [4]), { id: 'c', type: 'Concatenate', params: {} }], [e('x', 'c', 'in0'), e('c', 'c', 'in1')]);
    expect(codes(r)).toContain('LW109');
  });

  it('reports dangling edges, unknown ports, two inputs into one port, missing inputs and unknown types all at once', () => {
    const r = check(
      [input('x', [4]), input('y', [4]), dense('a', 3), dense('b', 3), { id: 'm', type: 'Mystery', params: {} }, dense('lonely', 2)],
      [e('x', 'a'), e('y', 'a'), e('ghost', 'b'), e('x', 'b', 'nope'), e('a', 'm')],
    );
    expect(codes(r)).toEqual(expect.arrayContaining(['LW103', 'LW104', 'LW105', 'LW106', 'LW107']));
    const two = r.diagnostics.find((d) => d.code === 'LW106')!;
    expect(two).toMatchObject({ nodeId: 'a', port: 'in' });
    expect(two.message).toMatch(/wired to 2 outputs \('x', 'y'\)/);
    expect(r.diagnostics.find((d) => d.code === 'LW104')).toMatchObject({ path: 'edges[2].from.node' });
  });

  it('reports duplicate ids and duplicate layer names', () => {
    const r = check([input('x', [4]), dense('a', 3), { ...dense('a', 5) }, { ...dense('b', 2), name: 'a' }], [e('x', 'a')]);
    expect(codes(r)).toEqual(expect.arrayContaining(['LW101', 'LW102']));
  });

  it('requires an Input and an output', () => {
    expect(codes(check([dense('a', 3)], []))).toEqual(expect.arrayContaining(['LW107', 'LW110']));
  });

  it('warns about an unused Input', () => {
    const r = check([input('x', [4]), input('unused', [2]), dense('a', 3)], [e('x', 'a')]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'LW112', severity: 'warning', nodeId: 'unused' })]);
    expect(r.ok).toBe(true);
  });

  it('never calls a shape function with a missing input (an unwired LSTM once threw)', () => {
    const cases: [string, Record<string, unknown>][] = [['LSTM', { units: 3 }], ['Conv2D', { filters: 2, kernelSize: 1 }], ['Dense', { units: 3 }], ['AttentionPooling', { units: 3 }]];
    for (const [type, params] of cases) {
      const r = check([input('x', [4]), { id: 'n', type, params }], []);
      expect(r.diagnostics.filter((d) => d.nodeId === 'n').map((d) => d.code)).toEqual(['LW107']);
    }
  });

  it('needs at least two inputs on a merge', () => {
    const r = check([input('x', [4]), { id: 'c', type: 'Concatenate', params: {} }], [e('x', 'c', 'in0')]);
    expect(codes(r)).toContain('LW108');
  });
});

describe('check: every node gets shapes or diagnostics, one bad node hides nothing', () => {
  it('reports errors in two independent branches at once and still shapes the healthy ones', () => {
    const r = check(
      [input('img', [8, 8, 3]), { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 9 } }, input('seq', [5, 3]), { id: 'lstm', type: 'LSTM', params: { units: -2 } }, input('v', [6]), dense('ok', 2)],
      [e('img', 'conv'), e('seq', 'lstm'), e('v', 'ok')],
    );
    expect(r.diagnostics.map((d) => d.nodeId).sort()).toEqual(['conv', 'lstm']);
    expect(r.byId.get('ok')!.outputs[0]!.shape).toEqual([null, 2]);
  });

  it('is stricter than tfjs about a kernel larger than its input', () => {
    const r = check([input('img', [4, 4, 1]), { id: 'conv', type: 'Conv2D', params: { filters: 2, kernelSize: 5 } }], [e('img', 'conv')]);
    expect(r.diagnostics[0]).toMatchObject({ code: 'LW203', nodeId: 'conv', path: 'nodes[1].params.kernelSize' });
    expect(r.diagnostics[0]!.message).toMatch(/kernel 5×5 is larger than its 4×4 input/);
    // tfjs itself accepts it and produces a nonsense shape.
    const tfjsShape = tf.layers.conv2d({ filters: 2, kernelSize: 5 }).computeOutputShape([null, 4, 4, 1]);
    expect(tfjsShape).toEqual([null, 0, 0, 2]);
  });

  it('explains a rank mismatch and offers a fix', () => {
    const r = check([input('x', [28, 28]), { id: 'conv', type: 'Conv2D', params: { filters: 2, kernelSize: 3 } }], [e('x', 'conv')]);
    expect(r.diagnostics[0]).toMatchObject({
      code: 'LW202',
      message: "Conv2D 'conv' needs a rank-4 input but gets [?, 28, 28]",
      fix: { kind: 'insert-node', type: 'Reshape', params: { targetShape: [28, 28, 1] }, before: { node: 'conv', port: 'in' } },
    });
  });

  it('catches the forgotten Flatten before Dense in a classifier, with the fix', () => {
    const r = check(
      [input('img', [8, 8, 3]), { id: 'conv', type: 'Conv2D', params: { filters: 4, kernelSize: 3 } }, dense('head', 10, { activation: 'softmax' })],
      [e('img', 'conv'), e('conv', 'head')],
      { training: { loss: 'categoricalCrossentropy' } },
    );
    expect(r.diagnostics).toEqual([
      expect.objectContaining({ code: 'LW205', nodeId: 'head', fix: expect.objectContaining({ kind: 'insert-node', type: 'Flatten', before: { node: 'head', port: 'in' } }) }),
    ]);
    expect(r.diagnostics[0]!.message).toMatch(/\[\?, 6, 6, 10\].*insert Flatten before it/);
  });

  it('completes fixes offered by shape functions with the node they belong to', () => {
    const r = check([input('a', [2, 3]), input('b', [2, 3]), { id: 'cat', type: 'Concatenate', params: { axis: -2 } }], [e('a', 'cat', 'in0'), e('b', 'cat', 'in1')]);
    const fix = r.diagnostics.find((d) => d.nodeId === 'cat')?.fix;
    expect(fix).toMatchObject({ kind: 'set-param', node: 'cat', param: 'axis', value: 1 });
  });

  it('keeps named dimensions through the graph', () => {
    const r = check([input('seq', ['timesteps', 8]), { id: 'lstm', type: 'LSTM', params: { units: 4, returnSequences: true } }, dense('d', 3)], [e('seq', 'lstm'), e('lstm', 'd')]);
    expect(r.byId.get('d')!.outputs[0]!.shape).toEqual([null, 'timesteps', 3]);
  });

  it('checks per-output losses against the real outputs', () => {
    const r = check([input('x', [4]), dense('a', 3, { activation: 'softmax' })], [e('x', 'a')], { training: { loss: { b: 'categoricalCrossentropy' } } });
    expect(r.diagnostics.map((d) => d.message)).toEqual(expect.arrayContaining([expect.stringMatching(/training.loss names 'b'/), expect.stringMatching(/Output 'a' has no loss/)]));
  });

  it('counts parameters like Keras for the seed CNN', () => {
    const r = check(
      [input('image', [64, 64, 3]), { id: 'c', type: 'Conv2D', params: { filters: 32, kernelSize: 3, activation: 'relu' } }, { id: 'p', type: 'MaxPooling2D', params: {} }, { id: 'f', type: 'Flatten', params: {} }, dense('d1', 128, { activation: 'relu' }), dense('d2', 10, { activation: 'softmax' })],
      [e('image', 'c'), e('c', 'p'), e('p', 'f'), e('f', 'd1'), e('d1', 'd2')],
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.totals.params).toBe(3_938_570);
    expect(r.byId.get('f')!.outputs[0]!.shape).toEqual([null, 30752]);
  });
});

describe('blocks: a group defined once, used as a node', () => {
  const encoder = {
    name: 'shared encoder',
    nodes: [input('x', [8]), dense('hidden', 6, { activation: 'relu' }), dense('code', 4)],
    edges: [e('x', 'hidden'), e('hidden', 'code')],
    inputs: ['x'],
    outputs: [{ node: 'code', port: 'out' }],
  };

  it('reports the block node under its own name and its inner layers as outer/inner', () => {
    const r = check(
      [input('a', [8]), input('b', [8]), { id: 'encA', type: 'Block', params: { block: 'encoder' } }, { id: 'encB', type: 'Block', params: { block: 'encoder' } }, { id: 'cat', type: 'Concatenate', params: {} }],
      [e('a', 'encA'), e('b', 'encB'), e('encA', 'cat', 'in0'), e('encB', 'cat', 'in1')],
      { blocks: { encoder } },
    );
    expect(r.diagnostics).toEqual([]);
    expect(r.byId.get('encA')!.outputs[0]!.shape).toEqual([null, 4]);
    expect(r.byId.get('encA/hidden')!.outputs[0]!.shape).toEqual([null, 6]);
    expect(r.byId.get('encB/code')).toMatchObject({ parent: 'encB', params: 28 });
    expect(r.byId.get('encA')!.params).toBe(54 + 28);
    expect(r.totals.params).toBe(2 * (54 + 28));
    expect(r.byId.get('cat')!.outputs[0]!.shape).toEqual([null, 8]);
  });

  it('names the block in the summary, also for a call that shares another call’s weights with empty params', () => {
    const r = check(
      [input('a', [8]), input('b', [8]), { id: 'encA', type: 'Block', params: { block: 'encoder' } }, { id: 'encB', type: 'Block', params: {}, sharesWeightsWith: 'encA' }, { id: 'cat', type: 'Concatenate', params: {} }],
      [e('a', 'encA'), e('b', 'encB'), e('encA', 'cat', 'in0'), e('encB', 'cat', 'in1')],
      { blocks: { encoder } },
    );
    expect(r.diagnostics).toEqual([]);
    const rows = summarize(r).rows.filter((row) => row.depth === 0 && row.id.startsWith('enc'));
    expect(rows.map((row) => [row.name, row.type, row.params])).toEqual([['encA', 'Block(encoder)', 82], ['encB', 'Block(encoder)', 0]]);
  });

  it('reports a mismatched call on the block node, naming the block', () => {
    const r = check([input('a', [5]), { id: 'enc', type: 'Block', params: { block: 'encoder' } }], [e('a', 'enc')], { blocks: { encoder } });
    expect(r.diagnostics[0]).toMatchObject({ nodeId: 'enc' });
    expect(r.diagnostics[0]!.message).toMatch(/expects \[\?, 8\] but the block is called with \[\?, 5\]/);
  });

  it('refuses an unknown block', () => {
    const r = check([input('a', [5]), { id: 'enc', type: 'Block', params: { block: 'nope' } }], [e('a', 'enc')]);
    expect(codes(r)).toContain('LW114');
  });
});

describe('repeated layers', () => {
  // Check passes what it found for a layer on to the next equal layer fed the same shapes; a diagnostic names its node, so it never is.
  const stack = (layer: (id: string) => NodeInput, count: number) => {
    const nodes = [input('x', [8]), ...Array.from({ length: count }, (_, i) => layer(`l${i}`))];
    return check(nodes, nodes.slice(1).map((n, i) => e(nodes[i]!.id, n.id)));
  };

  it('warns on every one of a stack of equal layers that each deserve a warning, naming each', () => {
    const r = stack((id) => ({ id, type: 'BatchNormalization', params: { scale: false } }), 4);
    expect(r.diagnostics.filter((d) => d.severity === 'warning').map((d) => d.nodeId)).toEqual(['l0', 'l1', 'l2', 'l3']);
    expect(r.diagnostics.find((d) => d.nodeId === 'l2')!.message).toContain("'l2'");
  });

  it('refuses every one of equal layers fed a shape none of them fits, naming each', () => {
    const r = check(
      [input('x', ['timesteps']), ...['a', 'b', 'c'].map((id) => dense(id, 4))],
      ['a', 'b', 'c'].map((id) => e('x', id)),
    );
    expect(r.diagnostics.filter((d) => d.severity === 'error').map((d) => d.nodeId)).toEqual(['a', 'b', 'c']);
  });

  it('gives equal layers fed different shapes their own shapes and weights', () => {
    const r = check([input('x', [8]), input('y', [3]), dense('a', 4), dense('b', 4), dense('c', 4)], [e('x', 'a'), e('y', 'b'), e('a', 'c')]);
    expect(['a', 'b', 'c'].map((id) => r.byId.get(id)!.params)).toEqual([36, 16, 20]);
  });

  it('shares one finding along a stack of equal layers instead of making one per layer', () => {
    const r = stack((id) => dense(id, 8, { activation: 'relu' }), 50);
    expect(r.ok).toBe(true);
    const layers = r.nodes.filter((n) => n.type === 'Dense');
    expect(layers.every((n) => n.params === 72 && n.outputs[0]!.shape!.join() === ',8')).toBe(true);
    // Dense 8 → 8 keeps its input's shape: from the first layer on, every layer is fed the same shape object and shares what the first found.
    expect(new Set(layers.map((n) => n.outputs)).size).toBe(1);
    expect(new Set(layers.map((n) => n.weights)).size).toBe(1);
  });
});
