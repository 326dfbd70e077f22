/**
 * The editor's document layer, without a browser: every gesture is one of
 * these pure edits, so they are specified here as tables of cases.
 */
import { describe, expect, test } from 'vitest';
import type { GraphDocument } from '../../schemas/graph';
import { parseGraphDocument } from '../../schemas/parse';
import { checkGraph } from '../../compiler/check';
import { findLayer, layerDefinitions } from '../../compiler/layers/registry';
import { addEdge, addNode, applyFix, extractFragment, insertFragment, moveNodes, removeNodes, setName, setParam } from '../../src/document/edits';
import { freshId, snakeCase, takenNames } from '../../src/document/ids';
import { wireBetween } from '../../src/document/wiring';
import { layersAccepting } from '../../src/document/compatible-layers';
import { isCramped } from '../../src/document/layout-check';
import { decodeShareFragment, encodeShareFragment } from '../../src/document/share-link';
import { readGraphText } from '../../src/document/open-file';
import { describeFields, starterParams, starterValue } from '../../src/schema-form/introspect';
import { formatValue, parseValueText } from '../../src/schema-form/value-text';
import { defaultTraining, setTraining, withLossPerOutput, withLossWeight, withMetric, withOptimizerSetting, withOptimizerType, withOutputLoss } from '../../src/document/training';
import { describeVariants } from '../../src/schema-form/introspect';
import { TrainingConfig } from '../../schemas/training';
import seed from '../../examples/seed-cnn.json';

const seedCnn = (): GraphDocument => {
  const parsed = parseGraphDocument(seed);
  if (!parsed.ok) throw new Error('seed does not parse');
  return parsed.document;
};

describe('ids', () => {
  test.each([
    ['Conv2D', 'conv2d'],
    ['MaxPooling2D', 'max_pooling2d'],
    ['GlobalAveragePooling1D', 'global_average_pooling1d'],
    ['LSTM', 'lstm'],
    ['ReLU', 're_lu'],
    ['Dense', 'dense'],
  ])('%s → %s, as Keras names layers', (kind, id) => expect(snakeCase(kind)).toBe(id));

  test('fresh ids skip ids and names in use', () => {
    const taken = new Set(['dense', 'dense_1', 'dense_3']);
    expect(freshId('dense', taken)).toBe('dense_2');
    expect(freshId('dense', taken)).toBe('dense_4');
    expect(freshId('conv2d', taken)).toBe('conv2d');
  });
});

describe('edits keep the document valid and share what did not change', () => {
  test('addNode gives a new layer the values its schema needs', () => {
    const { document, id } = addNode(seedCnn(), 'Dense', { x: 10.4, y: 20.6 });
    const node = document.nodes.find((n) => n.id === id)!;
    expect(id).toBe('dense_2');
    expect(node.position).toEqual({ x: 10, y: 21 });
    expect(node.params).toEqual({ units: 32 });
    expect(parseGraphDocument(document).ok).toBe(true);
  });

  test('removeNodes drops their edges and model outputs', () => {
    const doc = { ...seedCnn(), outputs: [{ node: 'dense_1', port: 'out' }] };
    const next = removeNodes(doc, ['dense_1', 'flatten']);
    expect(next.nodes.map((n) => n.id)).toEqual(['image', 'conv2d', 'max_pooling2d', 'dense']);
    expect(next.edges).toHaveLength(2);
    expect(next.outputs).toEqual([]);
  });

  test('an edit that changes nothing returns the same document (no undo step)', () => {
    const doc = seedCnn();
    expect(setParam(doc, 'dense', 'units', 128)).toBe(doc);
    expect(setName(doc, 'dense', undefined)).toBe(doc);
    expect(moveNodes(doc, new Map([['dense', { ...doc.nodes[4]!.position }]]))).toBe(doc);
    const changed = setParam(doc, 'dense', 'units', 64);
    expect(changed).not.toBe(doc);
    expect(changed.nodes[0]).toBe(doc.nodes[0]);
  });

  test('setParam with undefined restores the default', () => {
    const doc = setParam(seedCnn(), 'conv2d', 'activation', undefined);
    expect('activation' in doc.nodes[1]!.params).toBe(false);
  });

  test('copy → paste renames the nodes, keeps their inner edges, drops names in use', () => {
    const doc = setName(seedCnn(), 'conv2d', 'features');
    const fragment = extractFragment(doc, ['conv2d', 'max_pooling2d']);
    expect(fragment.edges).toEqual([{ from: { node: 'conv2d', port: 'out' }, to: { node: 'max_pooling2d', port: 'in' } }]);
    const { document, ids } = insertFragment(doc, fragment, { x: 0, y: 500 });
    expect(ids).toEqual(['conv2d_1', 'max_pooling2d_1']);
    const pasted = document.nodes.filter((n) => ids.includes(n.id));
    expect(pasted.map((n) => n.name)).toEqual([undefined, undefined]);
    expect(Math.min(...pasted.map((n) => n.position.y))).toBe(500);
    expect(document.edges).toContainEqual({ from: { node: 'conv2d_1', port: 'out' }, to: { node: 'max_pooling2d_1', port: 'in' } });
    expect(checkGraph(document).diagnostics.filter((d) => d.code === 'LW102' || d.code === 'LW101')).toEqual([]);
  });
});

describe('wiring that can never be valid is refused', () => {
  const doc = seedCnn();
  const out = (node: string, port = 'out') => ({ node, port, side: 'output' as const });
  const into = (node: string, port = 'in') => ({ node, port, side: 'input' as const });
  test.each([
    ['output → output', out('conv2d'), out('dense'), 'same-side'],
    ['input → input', into('conv2d'), into('dense'), 'same-side'],
    ['a layer into itself', out('dense'), into('dense'), 'self-loop'],
    ['a second wire into one input', out('image'), into('dense'), 'occupied'],
    ['a wire back to the start', out('dense_1'), into('image', 'in'), 'cycle'],
    ['the same wire twice', out('dense'), into('dense_1'), 'duplicate'],
  ])('%s', (_, a, b, reason) => {
    const result = wireBetween(doc, a, b);
    expect('refusal' in result && result.refusal.reason).toBe(reason);
  });

  test('a cycle through free ports is refused', () => {
    const open = removeNodes(doc, ['image']);
    const result = wireBetween(open, out('dense_1'), into('conv2d'));
    expect('refusal' in result && result.refusal.reason).toBe('cycle');
  });

  test('the order of the two sockets does not matter, and a wire being moved frees its port', () => {
    const edge = doc.edges.find((e) => e.to.node === 'dense')!;
    expect(wireBetween(doc, into('dense'), out('conv2d'), edge)).toEqual({ edge: { from: { node: 'conv2d', port: 'out' }, to: { node: 'dense', port: 'in' } } });
  });
});

describe('fixes', () => {
  test('insert-node splices the node into the edge and makes room', () => {
    let doc = removeNodes(seedCnn(), ['flatten']);
    doc = addEdge(doc, { from: { node: 'max_pooling2d', port: 'out' }, to: { node: 'dense', port: 'in' } });
    const fix = checkGraph(doc).diagnostics.find((d) => d.fix)!.fix!;
    expect(fix.kind).toBe('insert-node');
    const { document, focus } = applyFix(doc, fix)!;
    expect(document.nodes.find((n) => n.id === focus)!.type).toBe('Flatten');
    expect(checkGraph(document).ok).toBe(true);
    const y = (id: string) => document.nodes.find((n) => n.id === id)!.position.y;
    expect(y('max_pooling2d')).toBeLessThan(y(focus));
    expect(y(focus)).toBeLessThan(y('dense'));
    expect(y('dense') - y('max_pooling2d')).toBeGreaterThanOrEqual(2 * 150);
  });

  test('set-param and rename apply; a fix for a node that is gone does not', () => {
    const doc = seedCnn();
    expect(applyFix(doc, { kind: 'set-param', title: '', node: 'dense', param: 'units', value: 7 })!.document.nodes[4]!.params.units).toBe(7);
    expect(applyFix(doc, { kind: 'rename', title: '', node: 'dense', name: 'fc' })!.document.nodes[4]!.name).toBe('fc');
    expect(applyFix(doc, { kind: 'rename', title: '', node: 'gone', name: 'x' })).toBeUndefined();
  });
});

describe('forms from zod schemas', () => {
  test('every registered layer starts with parameters its schema accepts', () => {
    for (const definition of layerDefinitions) {
      const params = starterParams(definition.params);
      const nested = Object.values(params).some((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
      if (!nested) expect(definition.params.safeParse(params).success, definition.kind).toBe(true);
    }
  });

  test.each([
    ['Dense', 'units', { kind: 'number', int: true, min: 0, minInclusive: false }, false, false],
    ['Dense', 'activation', { kind: 'enum' }, true, false],
    ['Dense', 'useBias', { kind: 'boolean' }, true, false],
    ['Conv2D', 'kernelSize', { kind: 'value' }, false, false],
    ['Input', 'shape', { kind: 'value', symbolic: true }, false, false],
    ['MaxPooling2D', 'strides', { kind: 'value' }, false, true],
  ])('%s.%s reads as %o', (kind, key, control, hasDefault, optional) => {
    const field = describeFields(findLayer(kind)!.params).find((f) => f.key === key)!;
    expect(field.control).toMatchObject(control);
    expect(field.hasDefault).toBe(hasDefault);
    expect(field.optional).toBe(optional);
    expect(field.description).toBeTruthy();
  });

  test('a per-axis size starts small, a count starts at a typical width', () => {
    const conv = describeFields(findLayer('Conv2D')!.params);
    expect(starterValue(conv.find((f) => f.key === 'kernelSize')!.schema)).toBe(3);
    expect(starterValue(conv.find((f) => f.key === 'filters')!.schema)).toBe(32);
  });

  test.each([
    ['3', 3],
    ['3, 3', [3, 3]],
    ['3x3', [3, 3]],
    ['3 × 5', [3, 5]],
    ['timesteps, 64', ['timesteps', 64]],
    ['?, 28', [null, 28]],
    ['[[1, 2], [3, 4]]', [[1, 2], [3, 4]]],
    ['', undefined],
  ])('"%s" reads as %o and writes back', (text, value) => {
    const parsed = parseValueText(text);
    expect(parsed).toEqual({ ok: true, value });
    if (value !== undefined) expect(parseValueText(formatValue(value))).toEqual({ ok: true, value });
  });

  test('text that is not a value says why', () => {
    expect(parseValueText('3, $')).toEqual({ ok: false, problem: 'token', token: '$' });
    expect(parseValueText('[1, 2')).toEqual({ ok: false, problem: 'json' });
  });
});

describe('training settings', () => {
  const adam = () => seedCnn().training!;

  test('the optimizer form comes from the schema: one variant per tf.train optimizer, its settings with their defaults', () => {
    const { discriminator, variants } = describeVariants(TrainingConfig.shape.optimizer);
    expect(discriminator).toBe('type');
    expect(variants.map((v) => v.tag)).toEqual(['adam', 'sgd', 'momentum', 'rmsprop', 'adagrad', 'adadelta', 'adamax']);
    const fields = variants[0]!.fields;
    expect(fields.map((f) => [f.key, f.hasDefault ? f.defaultValue : f.optional ? 'optional' : 'required'])).toEqual([
      ['learningRate', 0.001],
      ['beta1', 0.9],
      ['beta2', 0.999],
      ['epsilon', 'optional'],
    ]);
    expect(fields[0]!.schema.safeParse(-0.1).success).toBe(false);
  });

  test.each([
    ['a learning rate', (t: TrainingConfig) => withOptimizerSetting(t, 'learningRate', 0.01)!.optimizer, { type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999 }],
    ['a setting back to its default', (t: TrainingConfig) => withOptimizerSetting(withOptimizerSetting(t, 'beta1', 0.8)!, 'beta1', undefined)!.optimizer, { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999 }],
    ['an optional setting', (t: TrainingConfig) => withOptimizerSetting(t, 'epsilon', 1e-7)!.optimizer, { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }],
    ['another optimizer, with its own defaults', (t: TrainingConfig) => withOptimizerType(t, 'momentum')!.optimizer, { type: 'momentum', learningRate: 0.01, momentum: 0.9, useNesterov: false }],
    ['a metric added after the others', (t: TrainingConfig) => withMetric(t, 'precision', true)!.metrics, ['accuracy', 'precision']],
    ['a metric removed', (t: TrainingConfig) => withMetric(t, 'accuracy', false)!.metrics, []],
  ])('%s', (_, edit, expected) => {
    expect(edit(adam())).toEqual(expected);
  });

  test('a value the schema refuses is no edit', () => {
    expect(withOptimizerSetting(adam(), 'learningRate', -1)).toBeUndefined();
    expect(withOptimizerSetting(adam(), 'beta1', 2)).toBeUndefined();
    expect(withLossWeight(adam(), 'dense_1', -1)).toBeUndefined();
  });

  test('one loss for all outputs or one per output, with weights', () => {
    const shared = adam();
    const perOutput = withLossPerOutput(shared, true, ['a', 'b'])!;
    expect(perOutput.loss).toEqual({ a: 'categoricalCrossentropy', b: 'categoricalCrossentropy' });
    const changed = withOutputLoss(perOutput, 'b', 'meanSquaredError')!;
    expect(changed.loss).toEqual({ a: 'categoricalCrossentropy', b: 'meanSquaredError' });
    expect(withLossPerOutput(changed, false, ['a', 'b'])!.loss).toBe('categoricalCrossentropy');
    const weighted = withLossWeight(changed, 'b', 0.5)!;
    expect(weighted.lossWeights).toEqual({ b: 0.5 });
    expect('lossWeights' in withLossWeight(weighted, 'b', undefined)!).toBe(false);
  });

  test('settings are added with the defaults, removed, and an unchanged edit keeps the document', () => {
    const bare = setTraining(seedCnn(), undefined);
    expect('training' in bare).toBe(false);
    expect(setTraining(bare, defaultTraining()).training).toEqual({ optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
    const doc = seedCnn();
    expect(setTraining(doc, withMetric(doc.training!, 'accuracy', true))).toBe(doc);
  });
});

describe('layers offered for a dropped wire', () => {
  test.each([
    [[null, 62, 62, 32], ['Conv2D', 'MaxPooling2D', 'Flatten', 'Dense', 'BatchNormalization'], ['LSTM', 'Conv1D', 'Input']],
    [[null, 'timesteps', 16], ['LSTM', 'Conv1D', 'GlobalAveragePooling1D', 'Dense'], ['Conv2D', 'Input']],
    [[null, 10], ['Dense', 'Dropout', 'RepeatVector'], ['Flatten', 'LSTM', 'Conv2D']],
  ])('%o', (shape, offered, refused) => {
    const kinds = layersAccepting(shape).map((c) => c.kind);
    for (const kind of offered) expect(kinds).toContain(kind);
    for (const kind of refused) expect(kinds).not.toContain(kind);
  });
});

describe('files and links', () => {
  test('a share link round-trips the document', async () => {
    const doc = seedCnn();
    const hash = await encodeShareFragment(doc);
    expect(hash).toMatch(/^#graph=[A-Za-z0-9_-]+$/);
    expect(await decodeShareFragment(hash)).toEqual({ ok: true, json: JSON.parse(JSON.stringify(doc)) });
    expect(await decodeShareFragment('#graph=AAAA')).toMatchObject({ ok: false });
  });

  test('a file is a graph, a Keras model, or refused with the paths of its mistakes', () => {
    expect(readGraphText(JSON.stringify(seed), 'seed.json')).toMatchObject({ ok: true });
    expect(readGraphText('{oops', 'bad.json')).toMatchObject({ ok: false, errors: [{ path: '(file)' }] });
    const refused = readGraphText(JSON.stringify({ ...seed, nodes: [{ id: 'a', type: 'Dense', params: {}, position: { x: 'left', y: 0 } }] }), 'bad.json');
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.errors.map((e) => e.path)).toContain('nodes[0].position.x');
    const keras = { class_name: 'Sequential', config: { name: 'tiny', layers: [{ class_name: 'InputLayer', config: { batch_shape: [null, 4], name: 'in' } }, { class_name: 'Dense', config: { name: 'd', units: 2 } }] } };
    const imported = readGraphText(JSON.stringify(keras), 'model.json');
    expect(imported.ok && imported.document.nodes.map((n) => n.type)).toEqual(['Input', 'Dense']);
  });

  test('a layout is cramped when nodes pile up, a layer sits too close under its producer, or most wires do not run downwards', () => {
    const size = { width: 252, height: 92, gap: 28 };
    const stacked = (step: number) => moveNodes(seedCnn(), new Map(seedCnn().nodes.map((n, i) => [n.id, { x: 0, y: i * step }])));
    expect(isCramped(seedCnn(), size)).toBe(false); // the example as the layout wrote it
    expect(isCramped(stacked(150), size)).toBe(false);
    expect(isCramped(stacked(100), size)).toBe(true); // 8px between layers: no room for the shape label
    expect(isCramped(stacked(60), size)).toBe(true); // overlapping
    const leftToRight = moveNodes(seedCnn(), new Map(seedCnn().nodes.map((n, i) => [n.id, { x: i * 400, y: 0 }])));
    expect(isCramped(leftToRight, size)).toBe(true); // drawn for another direction of flow
    const oneMoved = moveNodes(stacked(150), new Map([['dense_1', { x: 400, y: 0 }]]));
    expect(isCramped(oneMoved, size)).toBe(false); // a person's own placement is kept
    expect(isCramped({ ...stacked(150), nodes: stacked(150).nodes.map((n) => ({ ...n, position: { x: 0, y: 0 } })) }, size)).toBe(true);
  });

  test('taken names include display names', () => {
    expect(takenNames(setName(seedCnn(), 'dense', 'fc')).has('fc')).toBe(true);
  });
});
