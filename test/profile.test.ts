/**
 * The per-node profile, run on tfjs's CPU backend in Node: every layer node of
 * the seed CNN gets a time and its output's memory; the memory oracle is the
 * checker's shape times 4 bytes times the batch, and the per-node times add up
 * to the order of one whole `model.predict`.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { parseGraphDocument, type GraphDocument, type GraphDocumentInput } from '../schemas';
import { checkGraph, type CheckResult } from '../compiler/check';
import { profileModel, type ModelProfile } from '../src/runtime/profile';

function load(input: GraphDocumentInput): GraphDocument {
  const parsed = parseGraphDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

const seed = load(JSON.parse(readFileSync(new URL('../examples/seed-cnn.json', import.meta.url), 'utf8')));

async function profile(check: CheckResult, batch: number): Promise<ModelProfile> {
  const result = await profileModel(check, { batch, runs: 3 });
  if (!result.ok) throw new Error(result.diagnostics.map((d) => d.message).join('\n'));
  return result.profile;
}

/** Bytes of a float32 output of the checked shape for `batch` samples: the independent memory oracle. */
const outputBytes = (check: CheckResult, id: string, batch: number) =>
  check.byId.get(id)!.outputs.reduce((n, o) => n + o.shape!.slice(1).reduce<number>((m, d) => m * (d as number), 1) * 4 * batch, 0);

describe('profileModel', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  it.each([1, 4])('measures every layer of the seed CNN at batch %i', async (batch) => {
    const check = checkGraph(seed);
    expect(check.ok).toBe(true);
    const before = tf.memory().numTensors;
    const result = await profile(check, batch);
    const layers = seed.nodes.filter((n) => n.type !== 'Input').map((n) => n.id);
    expect(result.nodes.map((n) => n.id).sort()).toEqual([...layers].sort());
    expect(result.backend).toBe('cpu');
    expect(result.batch).toBe(batch);
    for (const node of result.nodes) {
      expect(node.ms, node.id).toBeGreaterThanOrEqual(0);
      expect(node.timing).toBe('kernel');
      expect(node.outputBytes, node.id).toBe(outputBytes(check, node.id, batch));
      expect(node.allocatedBytes, node.id).toBeLessThanOrEqual(node.outputBytes);
    }
    // The conv layer writes a fresh tensor of exactly its output's size.
    const conv = seed.nodes.find((n) => n.type === 'Conv2D')!;
    expect(result.nodes.find((n) => n.id === conv.id)!.allocatedBytes).toBe(outputBytes(check, conv.id, batch));
    // Nothing leaks: inputs, outputs and the fresh model are all freed.
    expect(tf.memory().numTensors).toBe(before);
    // The parts add up to the order of the whole: same kernels, run one layer at a time (broad bounds, not a timing test).
    const sum = result.nodes.reduce((n, p) => n + p.ms, 0);
    expect(sum).toBeGreaterThan(0);
    expect(sum).toBeLessThan(result.predictMs * 20 + 50);
    expect(result.predictMs).toBeLessThan(sum * 20 + 50);
  });

  it('maps a shared layer\'s second call to its own node', async () => {
    const check = checkGraph(
      load({
        format: 'layerwire.graph',
        version: 1,
        nodes: [
          { id: 'x', type: 'Input', params: { shape: [6] } },
          { id: 'a', type: 'Dense', params: { units: 6 } },
          { id: 'b', type: 'Dense', params: {}, sharesWeightsWith: 'a' },
          { id: 'head', type: 'Dense', params: { units: 3 } },
        ],
        edges: [
          { from: { node: 'x', port: 'out' }, to: { node: 'a', port: 'in' } },
          { from: { node: 'a', port: 'out' }, to: { node: 'b', port: 'in' } },
          { from: { node: 'b', port: 'out' }, to: { node: 'head', port: 'in' } },
        ],
      }),
    );
    expect(check.ok).toBe(true);
    const result = await profile(check, 2);
    expect(result.nodes.map((n) => [n.id, n.outputBytes])).toEqual([
      ['a', 6 * 4 * 2],
      ['b', 6 * 4 * 2],
      ['head', 3 * 4 * 2],
    ]);
  });

  it('refuses a graph with errors, as the emitter does', async () => {
    const check = checkGraph(load({ format: 'layerwire.graph', version: 1, nodes: [{ id: 'd', type: 'Dense', params: { units: 2 } }] }));
    const result = await profileModel(check);
    expect(result.ok).toBe(false);
  });
});
