/**
 * Compiler benchmark (`npm run bench`): how checking and emitting scale with
 * graph size, and how fast the seed CNN predicts on each Node backend. Every
 * number is printed with its ratio to a baseline measured in the same run.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import fs from 'node:fs';
import { parseGraphDocument, type GraphDocument, type GraphDocumentInput } from '../schemas';
import { checkGraph } from '../compiler/check';
import { emitTypeScript } from '../compiler/emit/typescript';
import { buildTfjsModel } from '../compiler/emit/tfjs-model';

function parse(input: unknown): GraphDocument {
  const parsed = parseGraphDocument(input);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.errors));
  return parsed.document;
}

/** A residual-style chain of Dense blocks: every 3rd node merges two branches, so it is not a plain line. */
export function generatedGraph(size: number): GraphDocument {
  const nodes: GraphDocumentInput['nodes'] = [{ id: 'n0', type: 'Input', params: { shape: [32] } }];
  const edges: GraphDocumentInput['edges'] = [];
  for (let i = 1; i < size; i++) {
    const id = `n${i}`;
    if (i % 3 === 0 && i >= 3) {
      nodes.push({ id, type: 'Concatenate', params: {} });
      edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: id, port: 'in0' } }, { from: { node: `n${i - 2}`, port: 'out' }, to: { node: id, port: 'in1' } });
    } else {
      nodes.push({ id, type: 'Dense', params: { units: 16, activation: 'relu' } });
      edges.push({ from: { node: `n${i - 1}`, port: 'out' }, to: { node: id, port: 'in' } });
    }
  }
  return parse({ format: 'layerwire.graph', version: 1, name: `generated_${size}`, nodes, edges });
}

function median(samples: number[]): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

function time(fn: () => unknown, runs: number): number {
  fn(); // warm up
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    fn();
    samples.push(performance.now() - start);
  }
  return median(samples);
}

const row = (label: string, ms: number, baseline: number) => `${label.padEnd(34)} ${ms.toFixed(2).padStart(10)} ms   ×${(ms / baseline).toFixed(2)}`;

async function main() {
  console.log('# check and emit, by graph size (median; ratio to the 100-node graph)');
  const sizes = [100, 500, 1000, 5000];
  const graphs = new Map(sizes.map((n) => [n, generatedGraph(n)]));
  for (let i = 0; i < 20; i++) emitTypeScript(checkGraph(graphs.get(500)!)); // let the JIT settle before measuring
  const checks = sizes.map((n) => time(() => checkGraph(graphs.get(n)!), n >= 5000 ? 5 : 30));
  const emits = sizes.map((n) => time(() => emitTypeScript(checkGraph(graphs.get(n)!)), n >= 5000 ? 3 : 15));
  sizes.forEach((n, i) => console.log(row(`check ${n} nodes`, checks[i]!, checks[0]!), `  ${((checks[i]! / n) * 1000).toFixed(1)} µs/node`));
  sizes.forEach((n, i) => console.log(row(`check + emit TypeScript ${n} nodes`, emits[i]!, emits[0]!), `  ${((emits[i]! / n) * 1000).toFixed(1)} µs/node`));

  console.log('\n# seed CNN (64×64×3), predict a batch of 32 (median of 5; ratio to cpu)');
  const cnn = parse(JSON.parse(fs.readFileSync(new URL('../examples/seed-cnn.json', import.meta.url), 'utf8')));
  const results: Record<string, number> = {};
  for (const backend of ['cpu', 'wasm']) {
    await tf.setBackend(backend);
    await tf.ready();
    const built = buildTfjsModel(checkGraph(cnn));
    if (!built.ok) throw new Error('seed CNN did not compile');
    const x = tf.randomUniform([32, 64, 64, 3]);
    const samples: number[] = [];
    for (let i = 0; i < 6; i++) {
      const start = performance.now();
      const y = built.model.predict(x) as tf.Tensor;
      await y.data();
      samples.push(performance.now() - start);
      y.dispose();
    }
    results[backend] = median(samples.slice(1));
    x.dispose();
    built.model.dispose();
  }
  for (const [backend, ms] of Object.entries(results)) console.log(row(`predict on ${backend}`, ms, results.cpu!));
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
