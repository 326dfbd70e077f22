/**
 * Blocks and weight sharing as document edits. tfjs is the oracle for "nothing
 * changed": the same weights, written into the document, must give the same
 * predictions before grouping, after grouping and after ungrouping again.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkGraph, type CheckResult } from '../compiler/check';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';
import { encodeWeight } from '../compiler/emit/weights';
import type { GraphDocumentInput } from '../schemas';
import type { GraphDocument } from '../schemas/graph';
import { groupIntoBlock, ungroupBlock } from '../src/document/blocks';
import { duplicateAsShared, setSharesWeightsWith, shareCandidates } from '../src/document/sharing';
import { declaredInputs, portsOf, wiredPorts } from '../src/document/ports';
import { addNode } from '../src/document/edits';
import { layersAccepting } from '../src/document/compatible-layers';
import { layerDefinitions } from '../compiler/layers/registry';
import { maxAbsDiff, predictAll, randomizeWeights, sampleInputs } from './layer-samples';
import { example, parsed } from './documents';

beforeAll(async () => {
  await tf.setBackend('cpu');
});


function model(check: CheckResult): tf.LayersModel {
  expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const built = buildTfjsModel(check, { compile: false });
  if (!built.ok) throw new Error(JSON.stringify(built.diagnostics));
  return built.model;
}

/** The document with every layer's (random) weights written into its node, as a trained model saves them. */
function withRandomWeights(document: GraphDocument): GraphDocument {
  const built = model(checkGraph(document));
  randomizeWeights(built, 5);
  const nodes = document.nodes.map((node) => {
    const layer = built.layers.find((l) => l.name === (node.name ?? node.id));
    if (!layer || layer.weights.length === 0 || node.sharesWeightsWith) return node;
    const weights = layer.getWeights().map((t, i) => encodeWeight(layer.weights[i]!.name.split('/').pop()!, t.shape, t.dataSync() as Float32Array));
    return { ...node, weights };
  });
  return { ...document, nodes };
}

function expectSamePredictions(after: GraphDocument, before: GraphDocument) {
  const want = model(checkGraph(before));
  const got = model(checkGraph(after));
  for (const seed of [3, 9]) {
    const inputs = sampleInputs(want, seed);
    const expected = predictAll(want, inputs);
    const actual = predictAll(got, inputs);
    expect(actual.map((o) => o.shape)).toEqual(expected.map((o) => o.shape));
    actual.forEach((o, i) => expect(maxAbsDiff(o.values, expected[i]!.values), `output ${i}`).toBeLessThan(1e-5));
    tf.dispose(inputs);
  }
}

const grouped = (document: GraphDocument, ids: string[]) => {
  const result = groupIntoBlock(document, checkGraph(document), ids);
  if ('refusal' in result) throw new Error(result.refusal);
  return result;
};

describe('group into block, then ungroup', () => {
  const cases: [string, string[], number, number][] = [
    // file, selection, block inputs, block outputs
    ['seed-cnn.json', ['conv2d', 'max_pooling2d'], 1, 1],
    ['seed-cnn.json', ['flatten', 'dense', 'dense_1'], 1, 1],
    ['seed-multitask.json', ['shared', 'task1'], 1, 2],
    ['seed-multitask.json', ['features', 'shared'], 1, 1],
    ['seed-lstm.json', ['lstm'], 1, 1],
    ['seed-attention.json', [], 1, 1],
    ['cross-modal.json', ['flatten', 'image_features', 'text_lstm', 'fuse'], 2, 1],
    ['cross-modal.json', [], 2, 1],
  ];
  for (const [file, selection, inputs, outputs] of cases) {
    it(`${file} [${selection.join(', ') || 'all but the inputs'}]: same shapes, params and predictions`, () => {
      const document = withRandomWeights(example(file));
      const ids = selection.length ? selection : document.nodes.map((n) => n.id);
      const before = checkGraph(document);
      const { document: after, node, block } = grouped(document, ids);
      const check = checkGraph(after);
      expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
      if (selection.length) {
        expect(after.blocks[block]!.inputs).toHaveLength(inputs);
        expect(after.blocks[block]!.outputs).toHaveLength(outputs);
      }
      expect(after.nodes.filter((n) => ids.includes(n.id) && n.type !== 'Input')).toEqual([]);
      expect(after.nodes.find((n) => n.id === node)).toMatchObject({ type: 'Block', params: { block } });
      expect(check.totals).toEqual(before.totals);
      expect(check.graph.outputs.map((o) => check.byId.get(o.node)!.outputs.find((x) => x.port === o.port)!.shape)).toEqual(
        before.graph.outputs.map((o) => before.byId.get(o.node)!.outputs.find((x) => x.port === o.port)!.shape),
      );
      expectSamePredictions(after, document);

      const back = ungroupBlock(after, node);
      if ('refusal' in back) throw new Error(back.refusal);
      expect(back.document.blocks).toEqual(document.blocks);
      expect(back.document.nodes.map((n) => n.id).sort()).toEqual(document.nodes.map((n) => n.id).sort());
      expect(checkGraph(back.document).totals).toEqual(before.totals);
      expectSamePredictions(back.document, document);
    });
  }

  it('keeps named dims of the wire as the block input\'s shape', () => {
    const document = example('seed-lstm.json');
    const input = document.nodes.find((n) => n.type === 'Input')!;
    const consumer = document.edges.find((e) => e.from.node === input.id)!.to.node;
    const { document: after, block } = grouped(document, [consumer]);
    const inner = after.blocks[block]!.nodes.find((n) => n.type === 'Input')!;
    expect(inner.params.shape).toEqual(checkGraph(document).byId.get(input.id)!.outputs[0]!.shape!.slice(1));
    expect(inner.params.shape).toEqual(input.params.shape);
  });

  it('refuses a selection of only Input nodes, and sharing that would cross the block boundary', () => {
    const document = example('seed-cnn.json');
    expect(groupIntoBlock(document, checkGraph(document), ['image'])).toEqual({ refusal: 'empty' });
    const shared = setSharesWeightsWith(duplicateAsShared(document, 'dense')!.document, 'dense_1', undefined);
    const copy = shared.nodes.at(-1)!.id;
    expect(groupIntoBlock(shared, checkGraph(shared), ['dense'])).toEqual({ refusal: 'shared-across' });
    expect('refusal' in groupIntoBlock(shared, checkGraph(shared), ['dense', copy, 'dense_1'])).toBe(false);
  });

  it('moves a per-output loss to the Block node that now gives that output, and refuses to merge two such outputs into one node', () => {
    const document = example('seed-multitask.json');
    const { document: after, node } = grouped(document, ['task1']);
    expect(after.training!.loss).toEqual({ [node]: 'categoricalCrossentropy', task2: 'categoricalCrossentropy' });
    expect(after.training!.lossWeights).toEqual({ [node]: 1, task2: 0.5 });
    const back = ungroupBlock(after, node);
    if ('refusal' in back) throw new Error(back.refusal);
    expect(back.document.training).toEqual(document.training);
    expect(groupIntoBlock(document, checkGraph(document), ['task1', 'task2'])).toEqual({ refusal: 'per-output-loss' });
  });

  it('ungroups with fresh ids and names where the body\'s clash with the graph', () => {
    const document = example('seed-cnn.json');
    const { document: after, node } = grouped(document, ['dense']);
    const clash = { ...after, nodes: [...after.nodes, { id: 'dense', type: 'Dense', params: { units: 3 }, position: { x: 0, y: 0 } }] };
    const back = ungroupBlock(clash, node);
    if ('refusal' in back) throw new Error(back.refusal);
    expect(back.ids).toEqual(['dense_2']);
    expect(new Set(back.document.nodes.map((n) => n.id)).size).toBe(back.document.nodes.length);
  });
});

describe('weight sharing edits', () => {
  const doc: GraphDocumentInput = {
    format: 'layerwire.graph',
    version: 1,
    nodes: [
      { id: 'x', type: 'Input', params: { shape: [4] } },
      { id: 'a', type: 'Dense', params: { units: 4, activation: 'relu' } },
      { id: 'b', type: 'Dense', params: { units: 4 } },
      { id: 'c', type: 'Dense', params: { units: 2 } },
    ],
    edges: [
      { from: { node: 'x', port: 'out' }, to: { node: 'a', port: 'in' } },
      { from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } },
      { from: { node: 'b', port: 'out' }, to: { node: 'c', port: 'in' } },
    ],
  };

  it('offers nodes of the same kind, never itself, an Input, or a node that shares in turn', () => {
    const document = parsed(doc);
    expect(shareCandidates(document, 'b').map((n) => n.id)).toEqual(['a', 'c']);
    expect(shareCandidates(document, 'x')).toEqual([]);
    const sharing = setSharesWeightsWith(document, 'c', 'a');
    expect(shareCandidates(sharing, 'b').map((n) => n.id)).toEqual(['a']);
    // `a` owns weights others use: it cannot share in turn (no chains).
    expect(shareCandidates(sharing, 'a')).toEqual([]);
    expect(setSharesWeightsWith(sharing, 'a', 'b')).toBe(sharing);
  });

  it('sharing empties params so the owner\'s apply; the compiler counts the weights once; unsharing keeps the config', () => {
    const document = parsed(doc);
    const sharing = setSharesWeightsWith(document, 'b', 'a');
    expect(sharing.nodes.find((n) => n.id === 'b')).toMatchObject({ params: {}, sharesWeightsWith: 'a' });
    const check = checkGraph(sharing);
    expect(check.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(check.byId.get('b')).toMatchObject({ sharesWeightsWith: 'a', params: 0 });
    expect(check.totals.params).toBe(checkGraph(document).totals.params - (4 * 4 + 4));
    const own = setSharesWeightsWith(sharing, 'b', undefined);
    expect(own.nodes.find((n) => n.id === 'b')).toEqual({ ...sharing.nodes.find((n) => n.id === 'b'), params: { units: 4, activation: 'relu' }, sharesWeightsWith: undefined });
  });

  it('a shared call predicts what its owner predicts on the same input', () => {
    const document = parsed(doc);
    const { document: next, id } = duplicateAsShared(document, 'a')!;
    const wired = { ...next, edges: [...next.edges, { from: { node: 'x', port: 'out' }, to: { node: id, port: 'in' } }], outputs: [{ node: 'a', port: 'out' }, { node: id, port: 'out' }] };
    const built = model(checkGraph(wired));
    randomizeWeights(built, 2);
    const [left, right] = predictAll(built, sampleInputs(built));
    expect(maxAbsDiff(left!.values, right!.values)).toBe(0);
    expect(duplicateAsShared(next, id)!.document.nodes.at(-1)!.sharesWeightsWith).toBe('a');
  });
});

describe('ports of a Block node', () => {
  it('a Block node that shares weights with empty params shows its owner\'s block ports', () => {
    const document = parsed({
      format: 'layerwire.graph',
      version: 1,
      nodes: [
        { id: 'l', type: 'Input', params: { shape: [3] } },
        { id: 'r', type: 'Input', params: { shape: [3] } },
        { id: 'pair', type: 'Block', params: { block: 'two' } },
        { id: 'pair_again', type: 'Block', sharesWeightsWith: 'pair' },
      ],
      edges: [
        { from: { node: 'l', port: 'out' }, to: { node: 'pair', port: 'in0' } },
        { from: { node: 'r', port: 'out' }, to: { node: 'pair', port: 'in1' } },
      ],
      blocks: {
        two: {
          nodes: [
            { id: 'a', type: 'Input', params: { shape: [3] } },
            { id: 'b', type: 'Input', params: { shape: [3] } },
            { id: 'sum', type: 'Add' },
          ],
          edges: [
            { from: { node: 'a', port: 'out' }, to: { node: 'sum', port: 'in0' } },
            { from: { node: 'b', port: 'out' }, to: { node: 'sum', port: 'in1' } },
          ],
          inputs: ['a', 'b'],
          outputs: [{ node: 'sum', port: 'out' }],
        },
      },
    });
    const sharer = document.nodes.find((n) => n.id === 'pair_again')!;
    expect(declaredInputs(sharer, document, []).ports).toEqual(['in0', 'in1']);
    const check = checkGraph(document);
    expect(portsOf(sharer, document, check, wiredPorts(document).get(sharer.id) ?? { inputs: [], outputs: [] })).toEqual({ inputs: ['in0', 'in1'], outputs: ['out'] });
  });
});

describe('wrapper layers start complete', () => {
  it('every layer kind, wrappers included, is added with params its schema accepts', () => {
    const empty = parsed({ format: 'layerwire.graph', version: 1, nodes: [] });
    for (const definition of layerDefinitions) {
      const { document, id } = addNode(empty, definition.kind, { x: 0, y: 0 });
      const params = document.nodes.find((n) => n.id === id)!.params;
      expect(definition.params.safeParse(params).success, definition.kind).toBe(true);
    }
    expect(addNode(empty, 'Bidirectional', { x: 0, y: 0 }).document.nodes[0]!.params).toEqual({ layer: { type: 'LSTM', params: { units: 32 } } });
  });

  it('a sequence is offered the wrappers, as it is the layers they hold', () => {
    const kinds = layersAccepting([null, 'timesteps', 16]).map((c) => c.kind);
    expect(kinds).toContain('Bidirectional');
    expect(kinds).toContain('TimeDistributed');
  });
});
