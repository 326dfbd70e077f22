import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';
import { graphOf, launch, mod, node, openApp, selectNode, settled, wireLabels } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const selectedIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { selectedNodeIds: string[] }).selectedNodeIds.slice().sort());

/** Presses on empty canvas left of the seed CNN's column and drags a box over conv2d, max_pooling2d and flatten only. */
async function boxOverMiddleLayers(page: Page, modifier: 'Shift' | 'Control') {
  const conv = (await node(page, 'conv2d').boundingBox())!;
  const flatten = (await node(page, 'flatten').boundingBox())!;
  const image = (await node(page, 'image').boundingBox())!;
  const dense = (await node(page, 'dense').boundingBox())!;
  // The seed graph is one column, read downwards: the box reaches into the first and the last of the three, nothing above or below.
  expect(image.y + image.height).toBeLessThan(conv.y + 6);
  expect(dense.y).toBeGreaterThan(flatten.y + flatten.height - 6);
  await page.keyboard.down(modifier);
  await page.mouse.move(conv.x - 40, conv.y + 6);
  await page.mouse.down();
  await page.mouse.move(conv.x + 30, (conv.y + flatten.y) / 2, { steps: 4 });
  // The rubber band is drawn while dragging.
  expect(await page.locator('[data-testid=box-select]').count()).toBe(1);
  await page.mouse.move(conv.x + 30, flatten.y + flatten.height - 6, { steps: 4 });
  await page.mouse.up();
  await page.keyboard.up(modifier);
  await settled(page);
  expect(await page.locator('[data-testid=box-select]').count()).toBe(0);
}

describe('box selection on the seed CNN', () => {
  test('Shift-drag adds what the box touches, Ctrl-drag replaces the selection; Delete removes exactly those; undo restores them', async () => {
    const { page, errors } = await openApp(browser);
    const original = await graphOf(page);
    // Zoomed to fit (not 100%) and panned: the box works in screen space at any zoom.
    await page.keyboard.press('f');
    await settled(page);

    await selectNode(page, 'image');
    await boxOverMiddleLayers(page, 'Shift');
    expect(await selectedIds(page)).toEqual(['conv2d', 'flatten', 'image', 'max_pooling2d']);
    await boxOverMiddleLayers(page, 'Control');
    expect(await selectedIds(page)).toEqual(['conv2d', 'flatten', 'max_pooling2d']);
    // A box never pans the canvas.
    expect((await graphOf(page)).nodes).toEqual(original.nodes);

    await page.keyboard.press('Delete');
    await settled(page);
    expect((await graphOf(page)).nodes.map((n) => n.id).sort()).toEqual(['dense', 'dense_1', 'image']);
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect(await graphOf(page)).toEqual(original);
    expect(errors).toEqual([]);
  });
});

describe('moving a selection', () => {
  const position = (graph: GraphDocument, id: string) => graph.nodes.find((n) => n.id === id)!.position;

  test('dragging one of two selected nodes moves both by the same delta, in one undo step', async () => {
    const { page, errors } = await openApp(browser);
    const original = await graphOf(page);
    await selectNode(page, 'conv2d');
    await selectNode(page, 'flatten', ['Shift']);
    expect(await selectedIds(page)).toEqual(['conv2d', 'flatten']);

    const box = (await node(page, 'conv2d').boundingBox())!;
    await page.mouse.move(box.x + 40, box.y + 12);
    await page.mouse.down();
    await page.mouse.move(box.x + 40 + 150, box.y + 12 + 30, { steps: 8 });
    await page.mouse.up();
    await settled(page);

    const moved = await graphOf(page);
    const delta = (id: string) => ({ x: position(moved, id).x - position(original, id).x, y: position(moved, id).y - position(original, id).y });
    expect(delta('conv2d').x).toBeGreaterThan(50);
    expect(delta('flatten')).toEqual(delta('conv2d'));
    for (const id of ['image', 'max_pooling2d', 'dense', 'dense_1']) expect(position(moved, id)).toEqual(position(original, id));
    expect(await selectedIds(page)).toEqual(['conv2d', 'flatten']);

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect(await graphOf(page)).toEqual(original);
    expect(errors).toEqual([]);
  });

  test('clicking one node of a selection without moving it selects that node alone', async () => {
    const { page } = await openApp(browser);
    await selectNode(page, 'conv2d');
    await selectNode(page, 'dense', ['Shift']);
    expect(await selectedIds(page)).toEqual(['conv2d', 'dense']);
    await selectNode(page, 'dense');
    expect(await selectedIds(page)).toEqual(['dense']);
  });
});

describe('re-rendering after an edit', () => {
  /** How many times each node has rendered so far. */
  const renderCounts = (page: Page): Promise<Record<string, number>> =>
    page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!;
      const counts: Record<string, number> = {};
      for (const el of editor.shadowRoot!.querySelectorAll('lw-node')) counts[(el as HTMLElement).dataset.nodeId!] = (el as unknown as { renderCount: number }).renderCount;
      return counts;
    });

  const setParams = (page: Page, id: string, params: Record<string, unknown>) =>
    page.evaluate(
      ({ id, params }) => {
        const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: GraphDocument) => GraphDocument): boolean };
        editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)) }));
      },
      { id, params },
    );

  test('an edit that changes no shape re-renders only the edited node; one that does re-renders the nodes it changed', async () => {
    const { page, errors } = await openApp(browser);
    const before = await renderCounts(page);
    expect(Object.keys(before).sort()).toEqual(['conv2d', 'dense', 'dense_1', 'flatten', 'image', 'max_pooling2d']);

    await setParams(page, 'dense', { activation: 'tanh' });
    await settled(page);
    await expect.poll(() => node(page, 'dense').locator('.summary').textContent()).toContain('tanh');
    const afterActivation = await renderCounts(page);
    for (const [id, count] of Object.entries(afterActivation)) {
      if (id === 'dense') expect(count).toBeGreaterThan(before[id]!);
      else expect(count, id).toBe(before[id]);
    }

    // 64 units: dense's shape and dense_1's parameter count change, nothing above them does.
    await setParams(page, 'dense', { units: 64 });
    await settled(page);
    await expect.poll(() => node(page, 'dense_1').locator('[data-testid=node-params]').textContent()).toBe('650 params');
    // Wires are redrawn the same way: the one out of dense carries the new shape.
    expect(await wireLabels(page)).toContain('[?, 64]');
    expect(await wireLabels(page)).not.toContain('[?, 128]');
    const afterUnits = await renderCounts(page);
    for (const id of ['dense', 'dense_1']) expect(afterUnits[id], id).toBeGreaterThan(afterActivation[id]!);
    for (const id of ['image', 'conv2d', 'max_pooling2d', 'flatten']) expect(afterUnits[id], id).toBe(afterActivation[id]);
    expect(errors).toEqual([]);
  });
});
