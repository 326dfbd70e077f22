import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { dragWire, graphOf, launch, mod, node, openApp, selectNode, setField, settled, socket, wireLabels, type AppPage } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the seed CNN', () => {
  let app: AppPage;
  beforeAll(async () => {
    app = await openApp(browser);
  });

  test('opens with its six layers, every wire labelled with its shape', async () => {
    const { page } = app;
    const ids = await page.locator('lw-node').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nodeId));
    expect(ids.sort()).toEqual(['conv2d', 'dense', 'dense_1', 'flatten', 'image', 'max_pooling2d']);
    expect((await wireLabels(page)).sort()).toEqual(['[?, 128]', '[?, 30752]', '[?, 31, 31, 32]', '[?, 62, 62, 32]', '[?, 64, 64, 3]']);
    await expect.poll(() => node(page, 'dense_1').locator('[data-testid=node-shape]').textContent()).toBe('[?, 10]');
    expect(await node(page, 'conv2d').locator('[data-testid=node-params]').textContent()).toBe('896 params');
    expect(await page.locator('[data-testid=status]').textContent()).toContain('No errors');
    expect(app.errors).toEqual([]);
  });

  test('the summary lists every layer and the totals, like model.summary()', async () => {
    const { page } = app;
    await page.locator('[data-tab=summary]').click();
    const rows = page.locator('lw-summary-panel tbody tr');
    expect(await rows.count()).toBe(6);
    expect(await page.locator('[data-testid=summary-totals]').textContent()).toContain('3,938,570');
  });
});

describe('editing', () => {
  test('adding, wiring and editing a parameter updates shapes and the code', async () => {
    const { page, errors } = await openApp(browser);
    await page.locator('[data-testid=new]').click();
    await settled(page);
    expect((await graphOf(page)).nodes).toEqual([]);

    // Add an Input from the palette and give it a shape with a named dimension… then a plain one.
    await page.locator('lw-palette [data-kind=Input]').click();
    await settled(page);
    await setField(page, 'shape', 'height, 28, 1');
    expect((await graphOf(page)).nodes[0]!.params.shape).toEqual(['height', 28, 1]);
    await expect.poll(() => node(page, 'input').locator('[data-testid=node-shape]').textContent()).toBe('[?, height, 28, 1]');
    await setField(page, 'shape', '28, 28, 1');

    // Add a Conv2D with the search that a double-click opens, away from the Input.
    const canvas = (await page.locator('layerwire-editor').boundingBox())!;
    await page.mouse.dblclick(canvas.x + canvas.width - 260, canvas.y + 120);
    await page.keyboard.type('conv2d');
    await page.keyboard.press('Enter');
    await settled(page);
    expect((await graphOf(page)).nodes.map((n) => n.type)).toEqual(['Input', 'Conv2D']);

    await dragWire(page, socket(page, 'input', 'output'), socket(page, 'conv2d', 'input'));
    expect((await graphOf(page)).edges).toEqual([{ from: { node: 'input', port: 'out' }, to: { node: 'conv2d', port: 'in' } }]);
    expect(await wireLabels(page)).toEqual(['[?, 28, 28, 1]']);
    await expect.poll(() => node(page, 'conv2d').locator('[data-testid=node-shape]').textContent()).toBe('[?, 26, 26, 32]');

    await selectNode(page, 'conv2d');
    await setField(page, 'kernelSize', '5');
    await setField(page, 'filters', '8');
    await expect.poll(() => node(page, 'conv2d').locator('[data-testid=node-shape]').textContent()).toBe('[?, 24, 24, 8]');
    await page.locator('[data-tab=code]').click();
    const code = await page.locator('[data-testid=code]').textContent();
    expect(code).toContain('tf.layers.conv2d(');
    expect(code).toContain('kernelSize: 5');
    expect(code).toContain('filters: 8');
    expect(errors).toEqual([]);
  });

  test('an invalid value is shown inline and never reaches the document', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'conv2d');
    const before = await graphOf(page);
    const input = page.locator('lw-inspector #field-filters');
    await input.fill('-3');
    await input.press('Enter');
    await expect.poll(() => page.locator('lw-inspector [data-testid=field-error]').textContent()).toContain('positive');
    expect(await graphOf(page)).toEqual(before);
  });

  test('invalid wirings are refused with a reason, and a diagnostic fix repairs the graph', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'flatten');
    await page.keyboard.press('Delete');
    await settled(page);
    await dragWire(page, socket(page, 'max_pooling2d', 'output'), socket(page, 'dense', 'input'));
    await expect.poll(() => page.locator('[data-testid=error-count]').textContent()).toBe('1 error');
    await expect.poll(() => node(page, 'dense_1').getAttribute('class')).toContain('error');
    expect(await node(page, 'dense_1').getAttribute('title')).toContain('categoricalCrossentropy expects [batch, classes]');

    const edges = (await graphOf(page)).edges.length;
    const refusals: [ReturnType<typeof socket>, ReturnType<typeof socket>, string][] = [
      [socket(page, 'conv2d', 'output'), socket(page, 'dense', 'output'), 'Two outputs cannot be wired together'],
      [socket(page, 'dense', 'output'), socket(page, 'dense', 'input'), 'cannot feed itself'],
      [socket(page, 'image', 'output'), socket(page, 'dense', 'input'), 'already takes max_pooling2d'],
      [socket(page, 'dense_1', 'output'), socket(page, 'conv2d', 'input'), 'already takes image'],
    ];
    for (const [from, to, reason] of refusals) {
      await dragWire(page, from, to);
      await expect.poll(() => page.locator('[data-testid=toast]').textContent()).toContain(reason);
      expect((await graphOf(page)).edges.length).toBe(edges);
    }

    await page.locator('[data-testid=apply-fix]').click();
    await settled(page);
    const graph = await graphOf(page);
    const inserted = graph.nodes.find((n) => n.type === 'Flatten')!;
    expect(graph.edges).toContainEqual({ from: { node: 'max_pooling2d', port: 'out' }, to: { node: inserted.id, port: 'in' } });
    expect(graph.edges).toContainEqual({ from: { node: inserted.id, port: 'out' }, to: { node: 'dense', port: 'in' } });
    await expect.poll(() => page.locator('[data-testid=status]').textContent()).toContain('No errors');
    expect(await wireLabels(page)).toContain('[?, 30752]');
  });

  test('dropping an output on empty canvas offers the layers that accept its shape', async () => {
    const { page } = await openApp(browser);
    const box = (await node(page, 'image').boundingBox())!;
    // Beside the input layer: the graph runs downwards, so the canvas to its right is empty.
    await dragWire(page, socket(page, 'image', 'output'), { x: box.x + box.width + 160, y: box.y + box.height + 40 });
    const list = page.locator('[data-testid=layer-search] li');
    const kinds = await list.evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.kind));
    expect(kinds).toContain('Conv2D');
    expect(kinds).toContain('MaxPooling2D');
    expect(kinds).not.toContain('LSTM'); // needs rank 3
    expect(kinds).not.toContain('Conv1D');
    expect(kinds).not.toContain('Input');
    await page.keyboard.type('MaxPooling2D');
    await page.keyboard.press('Enter');
    await settled(page);
    const graph = await graphOf(page);
    const added = graph.nodes.find((n) => n.id === 'max_pooling2d_1')!;
    expect(added.type).toBe('MaxPooling2D');
    expect(graph.edges).toContainEqual({ from: { node: 'image', port: 'out' }, to: { node: 'max_pooling2d_1', port: 'in' } });
  });

  test('undo and redo walk every edit back and forth', async () => {
    const { page } = await openApp(browser);
    const original = await graphOf(page);
    await selectNode(page, 'dense');
    await setField(page, 'units', '64');
    await selectNode(page, 'flatten');
    await page.keyboard.press('Delete');
    await settled(page);
    const edited = await graphOf(page);
    expect(edited.nodes.some((n) => n.id === 'flatten')).toBe(false);

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect((await graphOf(page)).nodes.some((n) => n.id === 'flatten')).toBe(true);
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect(await graphOf(page)).toEqual(original);
    await expect.poll(() => node(page, 'dense').locator('[data-testid=node-shape]').textContent()).toBe('[?, 128]');

    await page.keyboard.press(`${mod}+Shift+z`);
    await settled(page);
    await expect.poll(() => node(page, 'dense').locator('[data-testid=node-shape]').textContent()).toBe('[?, 64]');
    await page.locator('[data-testid=redo]').click();
    await settled(page);
    expect(await graphOf(page)).toEqual(edited);
    await page.locator('[data-testid=undo]').click();
    await settled(page);
    expect((await graphOf(page)).nodes.some((n) => n.id === 'flatten')).toBe(true);
  });

  test('read-only mode refuses edits', async () => {
    const { page } = await openApp(browser);
    const before = await graphOf(page);
    await page.locator('[data-testid=readonly]').click();
    await selectNode(page, 'flatten');
    await page.keyboard.press('Delete');
    await settled(page);
    expect(await graphOf(page)).toEqual(before);
    await dragWire(page, socket(page, 'dense', 'output'), { x: 700, y: 800 });
    expect(await page.locator('[data-testid=layer-search]').count()).toBe(0);
  });
});
