/**
 * Every diagnostic speaks Simplified Chinese too: the whole catalog, every shape
 * problem the layers can be driven into, and the resolve / check / training paths.
 * English stays exactly what the CLI and the other tests read.
 */
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGraphDocument, type GraphDocumentInput } from '../schemas';
import type { Shape } from '../schemas/shape';
import { checkGraph } from '../compiler/check';
import { diagnostics, localizeDiagnostic, say, type Diagnostic } from '../compiler/diagnostics';
import { findLayer, layerDefinitions } from '../compiler/layers/registry';
import { sampleCases, sampleDocument, UNDER_TEST, type SampleCase } from './layer-samples';
import { runCli } from '../cli/main';

const HAN = /\p{Script=Han}/u;
/** A shape as formatShape writes it, batch first: `[?, 62, 62, 32]`. */
const SHAPES = /\[\?(?:, [^\]\s,]+)*\]/g;
/** A layer label as messages name nodes: `Conv2D 'conv1'`. */
const LABELS = new RegExp(`\\b(?:${[...layerDefinitions.map((d) => d.kind), 'Block'].join('|')}) '[^']+'`, 'g');

/** The Chinese of one diagnostic is real Chinese, not a copy, and keeps every name and shape verbatim. */
function expectBilingual(d: Diagnostic): void {
  const zh = localizeDiagnostic(d, 'zh-CN');
  const where = `${d.code}: ${d.message}\n${zh.message}`;
  expect(d.translations?.['zh-CN'], where).toBeDefined();
  expect(zh.message, where).toMatch(HAN);
  expect(zh.message, where).not.toBe(d.message);
  for (const token of [...(d.message.match(SHAPES) ?? []), ...(d.message.match(LABELS) ?? [])]) expect(zh.message, `${where}\nmissing ${token}`).toContain(token);
  if (d.fix) {
    expect(zh.fixTitle, where).toMatch(HAN);
    expect(zh.fixTitle).not.toBe(d.fix.title);
  }
  expect(zh.related).toHaveLength(d.related?.length ?? 0);
  zh.related.forEach((text, i) => {
    expect(text, where).toMatch(HAN);
    expect(text).not.toBe(d.related![i]!.message);
  });
  // English is what it always was: no Chinese leaks into the fields the CLI prints.
  expect(d.message).not.toMatch(HAN);
  expect(localizeDiagnostic(d, 'en').message).toBe(d.message);
}

type Catalog = typeof diagnostics;
const insertFlatten = { kind: 'insert-node', title: 'Insert Flatten before d', titleZh: '在 d 之前插入 Flatten', before: { node: 'd', port: 'in' }, type: 'Flatten', params: {} } as const;

/** One call per catalog entry; the mapped type makes a new entry without a sample a type error. */
const catalogSamples: { [K in keyof Catalog]: () => Diagnostic[] } = {
  duplicateNodeId: () => [diagnostics.duplicateNodeId('a', 'nodes[1].id')],
  duplicateName: () => [diagnostics.duplicateName('dense', 'a', 'b')],
  unknownLayerType: () => [diagnostics.unknownLayerType('Mystery', 'm', 'nodes[2].type')],
  danglingEdge: () => [diagnostics.danglingEdge('from', 'ghost', 'edges[0].from.node'), diagnostics.danglingEdge('to', 'ghost', 'edges[0].to.node')],
  unknownPort: () => [diagnostics.unknownPort('a', "Dense 'a'", 'nope', ['in'], 'edges[0].to.port'), diagnostics.unknownPort('a', "Dense 'a'", 'nope', [], 'edges[0].to.port')],
  portHasTwoInputs: () => [diagnostics.portHasTwoInputs('a', "Dense 'a'", 'in', ['x', 'y'])],
  missingInput: () => [diagnostics.missingInput('a', "Dense 'a'", 'in')],
  tooFewInputs: () => [diagnostics.tooFewInputs('m', "Add 'm'", 2, 1)],
  cycle: () => [diagnostics.cycle(['a', 'b'], ['a', 'b'])],
  noInputs: () => [diagnostics.noInputs()],
  noOutputs: () => [diagnostics.noOutputs()],
  unusedInput: () => [diagnostics.unusedInput('x', "Input 'x'")],
  unknownOutput: () => [diagnostics.unknownOutput('ghost', 'outputs[0].node')],
  unknownBlock: () => [diagnostics.unknownBlock('b', "Block 'b'", 'encoder')],
  recursiveBlock: () => [diagnostics.recursiveBlock('b', "Block 'b'", 'encoder')],
  duplicateEdge: () => [diagnostics.duplicateEdge('edges[1]', 'a', 'in')],
  invalidLayerName: () => [diagnostics.invalidLayerName('a', 'my layer', 'nodes[1].name', 'my_layer')],
  sharedTargetMissing: () => [diagnostics.sharedTargetMissing('b', "Dense 'b'", 'nope', 'nodes[3].sharesWeightsWith')],
  sharedTargetMismatch: () => [diagnostics.sharedTargetMismatch('b', "Dense 'b'", 'a', say("Activation 'a', but they differ", "Activation 'a' 共享权重，但两者不同"), 'p')],
  sharedParamsDiffer: () => [diagnostics.sharedParamsDiffer('b', "Dense 'b'", 'a', 'units', '4', '3', 'p', { kind: 'set-param', title: 'Set units to 3', titleZh: '将 units 设为 3', node: 'b', param: 'units', value: 3 })],
  sharedChain: () => [diagnostics.sharedChain('c', "Dense 'c'", say('shares a chain', '共享链'), 'p', [{ nodeId: 'b', message: say('on the chain', '链上') }])],
  sharedInput: () => [diagnostics.sharedInput('x', "Input 'x'", undefined, 'p'), diagnostics.sharedInput('b', "Dense 'b'", 'x', 'p')],
  weightsOnSharingNode: () => [diagnostics.weightsOnSharingNode('b', "Dense 'b'", 'a', 'nodes[3].weights')],
  badParam: () => [diagnostics.badParam('a', 'nodes[1].params.units', 'expected a positive integer, got 0'), diagnostics.badParam('a', 'nodes[1].params.units', say('expected a positive integer', '期望正整数'))],
  rankMismatch: () => [diagnostics.rankMismatch('d', "Dense 'd'", 'in', say('a rank-2', ' 2 阶'), [null, 30, 30, 32], insertFlatten)],
  shapeError: () => [diagnostics.shapeError('d', 'an English-only detail'), diagnostics.shapeError('d', say("Dense 'd' fails", "Dense 'd' 出错"))],
  shapeWarning: () => [diagnostics.shapeWarning('d', 'an English-only detail')],
  lossShapeMismatch: () => [diagnostics.lossShapeMismatch('d', 'an English-only detail', insertFlatten)],
  badTrainingConfig: () => [diagnostics.badTrainingConfig('an English-only detail', 'training.loss')],
  sharedWeightsMismatch: () => [diagnostics.sharedWeightsMismatch('b', 'an English-only detail', 'a', 'owns them')],
  datasetMismatch: () => [
    diagnostics.datasetMismatch(say("dataset 'shapes' gives 1 input", "数据集 'shapes' 提供 1 个输入"), 'x', { kind: 'set-param', title: 'Set the shape', titleZh: '设置形状', node: 'x', param: 'shape', value: [3] }),
  ],
  overBudget: () => [diagnostics.overBudget('weightMB', 'd', say('The weights take 2 MB, over the budget of 1 MB', '权重共占 2 MB，超出了 1 MB 的预算'), [{ nodeId: 'c', message: say('10% of the cost', '占总量的 10%') }])],
  notCompilable: () => [diagnostics.notCompilable(say('the model has errors', '模型有错误'))],
  notAModel: () => [diagnostics.notAModel('model.json', say('is not JSON', '不是 JSON'))],
  unsupportedFormat: () => [diagnostics.unsupportedFormat('model.json', 'format', say('has format layers-model v9', '的格式为 layers-model v9'))],
  badModelField: () => [diagnostics.badModelField('model.json', 'config.layers', say('expected a list', '应为列表'), 'n')],
  unknownLayerClass: () => [diagnostics.unknownLayerClass('model.json', 'lambda', 'Lambda', 'config.layers[1]', 'lambda')],
  droppedLayerFields: () => [diagnostics.droppedLayerFields('model.json', 'd', 'Dense', ['kernel_constraint'], 'p', 'd'), diagnostics.droppedLayerFields('model.json', 'd', 'Dense', ['a', 'b'], 'p', 'd')],
  sharedLayer: () => [diagnostics.sharedLayer('model.json', 'd', 2, 'p', 'd')],
  badLayerConfig: () => [diagnostics.badLayerConfig('model.json', 'd', 'Dense', 'units', say('expected a number', '应为数字'), 'd')],
  missingWeightFile: () => [diagnostics.missingWeightFile('model.json', 'group1.bin', 'weightsManifest[0]'), diagnostics.missingWeightFile('model.json', 'group1.bin', 'weightsManifest[0]', 'ENOENT')],
  truncatedWeightFile: () => [diagnostics.truncatedWeightFile('model.json', ['a.bin'], 10, 20, 'weightsManifest[0]', ['d/kernel'])],
  quantizedWeights: () => [diagnostics.quantizedWeights('model.json', ['d/kernel', 'd/bias'])],
  unsupportedWeight: () => [diagnostics.unsupportedWeight('model.json', 'd/kernel', say('has dtype complex64', '的 dtype 为 complex64'), 'p')],
  unmatchedWeights: () => [diagnostics.unmatchedWeights('model.json', ['x/kernel']), diagnostics.unmatchedWeights('model.json', ['x/kernel', 'y/bias'])],
  weightLayout: () => [diagnostics.weightLayout('model.json', 'd', say('needs 2 weights but has 1', '需要 2 个权重，但只有 1 个'), 'p', 'd')],
  unsupportedCall: () => [diagnostics.unsupportedCall('model.json', 'd', say('is called with keyword arguments', '以关键字参数调用'), 'p', 'd')],
  trainingNotMapped: () => [diagnostics.trainingNotMapped('model.json', 'training_config.loss', say('unknown loss', '未知的损失函数'))],
  inputShapeUnknown: () => [diagnostics.inputShapeUnknown('model.json', "layer 'x'", 'p', 'x')],
  weightsNotRead: () => [diagnostics.weightsNotRead('model.json', 1), diagnostics.weightsNotRead('model.json', 3)],
};

describe('the diagnostics catalog in Chinese', () => {
  it('has a sample for every entry', () => {
    expect(Object.keys(catalogSamples).sort()).toEqual(Object.keys(diagnostics).sort());
  });

  it.each(Object.entries(catalogSamples))('%s', (_, make) => {
    for (const d of make()) expectBilingual(d);
  });

  it('falls back to English where a diagnostic carries no translation', () => {
    const bare: Diagnostic = { code: 'LW999', severity: 'error', phase: 'check', message: 'made elsewhere', fix: { kind: 'rename', title: 'Rename', node: 'a', name: 'b' } };
    expect(localizeDiagnostic(bare, 'zh-CN')).toEqual({ message: 'made elsewhere', fixTitle: 'Rename', related: [] });
  });
});

/** Values that drive layers into their problems: bad axes, sizes, formats, initializers. */
const HOSTILE_VALUES: unknown[] = [0, -1, -3, 1, 2, 5, 100, [0, 0], [1, 2], [2, 1], [9, 9], [-1, -1], [1, 1, 1], [0, 1], [1, 3], [-2], [-1, 2], 'channelsFirst', 'causal', 'valid', 'identity', 'orthogonal', true, false];
/** Input shapes (without the batch) that are empty, symbolic, unknown, too small or of another rank. */
const HOSTILE_SHAPES: Shape[] = [[0], [3], ['t'], [null], [0, 3], ['t', 3], [3, 't'], [3, null], [2, 2], [1, 1, 1], [5, 5, null], [5, null, 3], [2, 2, 2, 2], [9, 9, 9, 9, 9], [2 ** 26, 2 ** 26, 2 ** 26]];

function variants(sampleCase: SampleCase): SampleCase[] {
  const definition = findLayer(sampleCase.kind)!;
  const keys = Object.keys(definition.params.shape);
  const out: SampleCase[] = [];
  const { sample } = sampleCase;
  for (const key of keys) for (const value of HOSTILE_VALUES) out.push({ ...sampleCase, sample: { ...sample, params: { ...sample.params, [key]: value } } });
  sample.inputs.forEach((_, i) => {
    for (const shape of HOSTILE_SHAPES) out.push({ ...sampleCase, sample: { ...sample, inputs: sample.inputs.map((s, j) => (i === j ? shape : s)) } });
  });
  if (sample.inputs.length > 1) out.push({ ...sampleCase, sample: { ...sample, inputs: sample.inputs.map((_, j) => [3, j + 2]) } });
  if (sample.dtype) out.push({ ...sampleCase, sample: { ...sample, dtype: undefined } });
  return out;
}

function checkAll(document: GraphDocumentInput): Diagnostic[] {
  const parsed = parseGraphDocument(document);
  return parsed.ok ? checkGraph(parsed.document).diagnostics : [];
}

describe('every problem a layer can be driven into speaks Chinese', () => {
  const seen = new Set<string>();
  it.each(sampleCases.filter((c) => c.kind !== 'Input').map((c) => [c.title, c] as const))('%s', (_, sampleCase) => {
    for (const variant of variants(sampleCase)) {
      let document: GraphDocumentInput;
      try {
        document = sampleDocument(variant);
      } catch {
        continue; // params the sample builder itself cannot parse: resolve's LW201 is covered below
      }
      for (const d of checkAll(document)) {
        expectBilingual(d);
        if (d.nodeId === UNDER_TEST) seen.add(`${d.code} ${d.message.replace(/\d+|\[[^\]]*\]/g, '#').slice(0, 60)}`);
      }
    }
  });

  it('reached many different problems (the sweep is not vacuous)', () => {
    // Distinct message templates on the layer under test, LW201 from zod included.
    expect(seen.size).toBeGreaterThan(60);
  });
});

const node = (id: string, type: string, params: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) => ({ id, type, params, ...extra });
const edge = (from: string, to: string, port = 'in') => ({ from: { node: from, port: 'out' }, to: { node: to, port } });
const doc = (nodes: unknown[], edges: unknown[], extra: Record<string, unknown> = {}) => ({ format: 'layerwire.graph', version: 1, nodes, edges, ...extra }) as GraphDocumentInput;

describe('resolve, check and training diagnostics speak Chinese', () => {
  const dense3 = { units: 3 };
  const block = { nodes: [node('i', 'Input', { shape: [8] }), node('h', 'Dense', { units: 4 })], edges: [edge('i', 'h')], inputs: ['i'], outputs: [{ node: 'h', port: 'out' }] };
  const cases: [string, GraphDocumentInput, string[]][] = [
    ['a zod error on a param', doc([node('x', 'Input', { shape: [4] }), node('d', 'Dense', { units: 0 })], [edge('x', 'd')]), ['LW201']],
    ['an unknown param', doc([node('x', 'Input', { shape: [4] }), node('d', 'Dense', { units: 2, unitz: 3 })], [edge('x', 'd')]), ['LW201']],
    ['a bad enum param', doc([node('x', 'Input', { shape: [4] }), node('d', 'Dense', { units: 2, activation: 'nope' })], [edge('x', 'd')]), ['LW201']],
    ['a rank the layer does not take, with a fix', doc([node('x', 'Input', { shape: [28, 28] }), node('c', 'Conv2D', { filters: 2, kernelSize: 3 })], [edge('x', 'c')]), ['LW202']],
    ['a cycle', doc([node('x', 'Input', { shape: [4] }), node('a', 'Dense', dense3), node('b', 'Dense', dense3), node('c', 'Concatenate')], [edge('x', 'c', 'in0'), edge('b', 'c', 'in1'), edge('c', 'a'), edge('a', 'b')]), ['LW109']],
    ['sharing with itself', doc([node('x', 'Input', { shape: [4] }), node('a', 'Dense', dense3, { sharesWeightsWith: 'a' })], [edge('x', 'a')]), ['LW121']],
    ['sharing with another kind', doc([node('x', 'Input', { shape: [4] }), node('a', 'Activation', { activation: 'relu' }), node('b', 'Dense', dense3, { sharesWeightsWith: 'a' }), node('c', 'Concatenate')], [edge('x', 'a'), edge('x', 'b'), edge('a', 'c', 'in0'), edge('b', 'c', 'in1')]), ['LW119']],
    ['sharing with other params', doc([node('x', 'Input', { shape: [4] }), node('a', 'Dense', dense3), node('b', 'Dense', { units: 4 }, { sharesWeightsWith: 'a' }), node('c', 'Concatenate')], [edge('x', 'a'), edge('x', 'b'), edge('a', 'c', 'in0'), edge('b', 'c', 'in1')]), ['LW120']],
    ['a chain and a circle', doc([node('x', 'Input', { shape: [4] }), node('a', 'Dense', dense3), node('b', 'Dense', dense3, { sharesWeightsWith: 'a' }), node('c', 'Dense', dense3, { sharesWeightsWith: 'b' }), node('d', 'Dense', dense3, { sharesWeightsWith: 'e' }), node('e', 'Dense', dense3, { sharesWeightsWith: 'd' }), node('m', 'Concatenate')], [edge('x', 'a'), edge('x', 'b'), edge('x', 'c'), edge('x', 'd'), edge('x', 'e'), edge('a', 'm', 'in0'), edge('b', 'm', 'in1'), edge('c', 'm', 'in2'), edge('d', 'm', 'in3'), edge('e', 'm', 'in4')]), ['LW121', 'LW121', 'LW121']],
    ['a shared Dense on two sizes', doc([node('x', 'Input', { shape: [8] }), node('y', 'Input', { shape: [9] }), node('a', 'Dense', dense3), node('b', 'Dense', dense3, { sharesWeightsWith: 'a' }), node('c', 'Concatenate')], [edge('x', 'a'), edge('y', 'b'), edge('a', 'c', 'in0'), edge('b', 'c', 'in1')]), ['LW207']],
    ['a block called with the wrong shape', doc([node('x', 'Input', { shape: [5] }), node('b', 'Block', { block: 'enc' })], [edge('x', 'b', 'i')], { blocks: { enc: block } }), ['LW203']],
    ['a block with a problem inside', doc([node('x', 'Input', { shape: [8] }), node('b', 'Block', { block: 'enc' })], [edge('x', 'b', 'i')], { blocks: { enc: { ...block, nodes: [block.nodes[0], node('h', 'Reshape', { targetShape: [3] })] } } }), ['LW203']],
    ['losses that name no output and a loss that cannot be weighted', doc([node('x', 'Input', { shape: [4] }), node('d', 'Dense', dense3)], [edge('x', 'd')], { training: { optimizer: { type: 'adam' }, loss: { nope: 'meanSquaredError' }, lossWeights: { d: 2, ghost: 1 } } }), ['LW206', 'LW206', 'LW206']],
  ];

  it.each(cases)('%s', (_, document, codes) => {
    const found = checkAll(document);
    expect(found.map((d) => d.code).filter((c) => codes.includes(c))).toEqual(codes);
    for (const d of found) expectBilingual(d);
  });

  it('the problem files in test/fixtures/bad, where they parse', () => {
    const dir = new URL('./fixtures/bad/', import.meta.url);
    let checked = 0;
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.json'))) {
      let json: unknown;
      try {
        json = JSON.parse(readFileSync(new URL(file, dir), 'utf8'));
      } catch {
        continue;
      }
      for (const d of checkAll(json as GraphDocumentInput)) {
        expectBilingual(d);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(5);
  });
});

describe('the seed CNN without its Flatten', () => {
  const seed = JSON.parse(readFileSync(new URL('../examples/seed-cnn.json', import.meta.url), 'utf8')) as GraphDocumentInput & { nodes: { id: string }[]; edges: ReturnType<typeof edge>[] };
  const withoutFlatten = {
    ...seed,
    nodes: seed.nodes.filter((n) => n.id !== 'flatten'),
    edges: [...seed.edges.filter((e) => e.from.node !== 'flatten' && e.to.node !== 'flatten'), edge('max_pooling2d', 'dense')],
  };
  const found = checkAll(withoutFlatten);
  const loss = found.find((d) => d.code === 'LW205')!;

  it('says in English exactly what it always said', () => {
    expect(found.map((d) => d.code)).toEqual(['LW205']);
    expect(loss.message).toBe("Output 'dense_1' has shape [?, 31, 31, 10], but categoricalCrossentropy expects [batch, classes]; Dense 'dense' is applied to a rank-4 tensor — insert Flatten before it");
    expect(loss.fix).toEqual({ kind: 'insert-node', title: 'Insert Flatten before dense', before: { node: 'dense', port: 'in' }, type: 'Flatten', params: {} });
  });

  it('the CLI prints it in English by default and in Chinese with --lang zh-CN', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'lw-zh-')), 'no-flatten.json');
    writeFileSync(file, JSON.stringify(withoutFlatten));
    const run = async (...args: string[]) => {
      const out: string[] = [];
      const code = await runCli(['check', file, ...args], { out: (t) => out.push(t), err: (t) => out.push(t) });
      return { code, text: out.join('\n') };
    };
    const english = await run();
    expect(english.code).toBe(1);
    expect(english.text).toContain(`error LW205 in 'dense_1' (Dense): ${loss.message}\n    fix: Insert Flatten before dense`);
    const chinese = await run('--lang', 'zh-CN');
    expect(chinese.code).toBe(1);
    expect(chinese.text).toContain("error LW205 in 'dense_1' (Dense): 输出 'dense_1' 的形状为 [?, 31, 31, 10]");
    expect(chinese.text).toContain('    fix: 在 dense 之前插入 Flatten');
    expect((await run('--lang', 'fr')).code).toBe(2);
  });

  it('says the same in Chinese, fix title included', () => {
    expect(localizeDiagnostic(loss, 'zh-CN')).toEqual({
      message: "输出 'dense_1' 的形状为 [?, 31, 31, 10]，但 categoricalCrossentropy 要求 [batch, classes]；Dense 'dense' 作用在一个 4 阶张量上，请在它之前插入 Flatten",
      fixTitle: '在 dense 之前插入 Flatten',
      related: [],
    });
  });
});
