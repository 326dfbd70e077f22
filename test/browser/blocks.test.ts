import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { graphOf, launch, mod, node, openApp, selectNode, setField, settled, wireLabels } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const shownIds = async (page: Page) => (await page.locator('lw-node').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.nodeId!))).sort();
const shapeOn = (page: Page, id: string) => node(page, id).locator('[data-testid=node-shape]').textContent();

describe('blocks', () => {
  test('group two layers of the seed CNN, open the block, edit inside, leave; undo walks back to the start', async () => {
    const { page, errors } = await openApp(browser);
    const original = await graphOf(page);
    const labels = (await wireLabels(page)).sort();

    await selectNode(page, 'conv2d');
    await selectNode(page, 'max_pooling2d', ['Control']);
    await page.keyboard.press(`${mod}+g`);
    await settled(page);
    expect(await shownIds(page)).toEqual(['block', 'dense', 'dense_1', 'flatten', 'image']);
    const grouped = await graphOf(page);
    expect(grouped.nodes.find((n) => n.id === 'block')).toMatchObject({ type: 'Block', params: { block: 'block' } });
    // The wire between the two grouped layers is inside the block now; every other wire carries what it carried.
    expect((await wireLabels(page)).sort()).toEqual(labels.filter((l) => l !== '[?, 62, 62, 32]'));
    expect(await shapeOn(page, 'block')).toBe('[?, 31, 31, 32]');
    expect(await shapeOn(page, 'dense_1')).toBe('[?, 10]');
    expect(await page.locator('[data-testid=status]').textContent()).toContain('No errors');

    // Double-click opens the block: its own body, its own Input, a breadcrumb back.
    await node(page, 'block').dblclick({ position: { x: 40, y: 12 } });
    await settled(page);
    expect(await page.locator('[data-testid=breadcrumb]').textContent()).toMatch(new RegExp(`^\\s*${original.name}\\s*›\\s*block\\s*$`));
    expect(await shownIds(page)).toEqual(['conv2d', 'image_in', 'max_pooling2d']);
    expect(await shapeOn(page, 'image_in')).toBe('[?, 64, 64, 3]');
    expect(await page.locator('[data-testid=inspector-block]').textContent()).toContain('block');

    await selectNode(page, 'conv2d');
    await setField(page, 'filters', '16');
    await expect.poll(() => shapeOn(page, 'conv2d')).toBe('[?, 62, 62, 16]');
    expect((await graphOf(page)).blocks.block!.nodes.find((n) => n.id === 'conv2d')!.params.filters).toBe(16);

    // Esc leaves; the model downstream of the block follows the edit.
    await selectNode(page, 'max_pooling2d');
    await page.keyboard.press('Escape');
    await settled(page);
    expect(await page.locator('[data-testid=breadcrumb]').count()).toBe(0);
    expect(await shownIds(page)).toEqual(['block', 'dense', 'dense_1', 'flatten', 'image']);
    await expect.poll(() => shapeOn(page, 'block')).toBe('[?, 31, 31, 16]');
    expect(await shapeOn(page, 'flatten')).toBe('[?, 15376]');

    // The inspector's "Edit block" opens it too, and the breadcrumb goes back.
    await selectNode(page, 'block');
    await page.locator('lw-inspector [data-testid=edit-block]').click();
    await settled(page);
    expect(await shownIds(page)).toEqual(['conv2d', 'image_in', 'max_pooling2d']);
    await page.locator('[data-testid=breadcrumb-0]').click();
    await settled(page);
    expect(await shownIds(page)).toEqual(['block', 'dense', 'dense_1', 'flatten', 'image']);

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    await expect.poll(() => shapeOn(page, 'flatten')).toBe('[?, 30752]');
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect(await graphOf(page)).toEqual(original);
    expect(await shownIds(page)).toEqual(['conv2d', 'dense', 'dense_1', 'flatten', 'image', 'max_pooling2d']);
    expect(errors).toEqual([]);
  });

  test('choosing a dataset while a block is open changes the model, not the block, and undoes', async () => {
    const { page, errors } = await openApp(browser);
    await selectNode(page, 'conv2d');
    await page.keyboard.press(`${mod}+g`);
    await settled(page);
    const grouped = await graphOf(page);
    await node(page, 'block').dblclick({ position: { x: 40, y: 12 } });
    await settled(page);
    await page.locator('[data-tab=train]').click();
    await page.locator('[data-testid=train-dataset]').selectOption('mnist');
    await settled(page);
    const edited = await graphOf(page);
    expect(edited.training?.dataset?.name).toBe('mnist');
    expect(edited.blocks).toEqual(grouped.blocks);
    expect(await page.locator('[data-testid=breadcrumb]').count()).toBe(1);
    await page.locator('[data-testid=undo]').click();
    await settled(page);
    expect(await graphOf(page)).toEqual(grouped);
    expect(errors).toEqual([]);
  });

  test('undo inside a block that the undo removes goes back out to the model', async () => {
    const { page, errors } = await openApp(browser);
    const original = await graphOf(page);
    await selectNode(page, 'dense');
    await page.keyboard.press(`${mod}+g`);
    await settled(page);
    await node(page, 'block').dblclick({ position: { x: 40, y: 12 } });
    await settled(page);
    expect(await page.locator('[data-testid=breadcrumb]').count()).toBe(1);
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect(await page.locator('[data-testid=breadcrumb]').count()).toBe(0);
    expect(await graphOf(page)).toEqual(original);
    await page.keyboard.press(`${mod}+Shift+z`);
    await settled(page);
    expect(await shownIds(page)).toEqual(['block', 'conv2d', 'dense_1', 'flatten', 'image', 'max_pooling2d']);
    expect(errors).toEqual([]);
  });
});

describe('weight sharing in the inspector', () => {
  test('choose the owner, see its params read-only and the marker on the node, jump to the owner, undo', async () => {
    const { page, errors } = await openApp(browser);
    await selectNode(page, 'dense_1');
    const select = page.locator('lw-inspector [data-testid=shares-weights]');
    expect(await select.locator('option').allTextContents()).toEqual(['none (own weights)', 'dense']);
    await select.selectOption('dense');
    await settled(page);
    expect((await graphOf(page)).nodes.find((n) => n.id === 'dense_1')).toMatchObject({ params: {}, sharesWeightsWith: 'dense' });
    expect(await node(page, 'dense_1').locator('[data-testid=node-shared]').textContent()).toContain('dense');
    expect(await page.locator('lw-inspector [data-testid=shared-params]').evaluate((el) => (el as HTMLFieldSetElement).disabled)).toBe(true);
    expect(await page.locator('lw-inspector #field-units').inputValue()).toBe('128');

    await page.locator('lw-inspector [data-testid=select-owner]').click();
    await settled(page);
    expect(await page.locator('lw-inspector #field-name').getAttribute('placeholder')).toBe('dense');

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    const restored = (await graphOf(page)).nodes.find((n) => n.id === 'dense_1')!;
    expect(restored.sharesWeightsWith).toBeUndefined();
    expect(restored.params).toEqual({ units: 10, activation: 'softmax' });
    expect(await node(page, 'dense_1').locator('[data-testid=node-shared]').count()).toBe(0);
    expect(errors).toEqual([]);
  });
});

describe('duplicate as shared call', () => {
  test('the inspector adds a node calling the selected layer, selected and marked', async () => {
    const { page, errors } = await openApp(browser);
    await selectNode(page, 'conv2d');
    await page.locator('lw-inspector [data-testid=duplicate-shared]').click();
    await settled(page);
    const copy = (await graphOf(page)).nodes.at(-1)!;
    expect(copy).toMatchObject({ id: 'conv2d_call', type: 'Conv2D', params: {}, sharesWeightsWith: 'conv2d' });
    expect(await node(page, 'conv2d_call').locator('[data-testid=node-shared]').textContent()).toContain('conv2d');
    expect(await page.locator('lw-inspector [data-testid=shares-weights]').inputValue()).toBe('conv2d');
    expect(errors).toEqual([]);
  });
});

describe('wrapper layers', () => {
  test('Bidirectional starts complete; its inner units are edited in a nested form and the shape follows', async () => {
    const { page, errors } = await openApp(browser);
    await page.locator('[data-testid=new]').click();
    await settled(page);
    await page.locator('lw-palette [data-kind=Input]').click();
    await settled(page);
    await setField(page, 'shape', 'timesteps, 8');
    await page.locator('lw-palette [data-kind=Bidirectional]').click();
    await settled(page);
    const bi = () => graphOf(page).then((g) => g.nodes.find((n) => n.type === 'Bidirectional')!);
    expect((await bi()).params).toEqual({ layer: { type: 'LSTM', params: { units: 32 } } });
    expect((await graphOf(page)).edges).toHaveLength(1);
    await expect.poll(() => shapeOn(page, 'bidirectional')).toBe('[?, 64]');

    await setField(page, 'layer-units', '10');
    expect((await bi()).params.layer).toEqual({ type: 'LSTM', params: { units: 10 } });
    await expect.poll(() => shapeOn(page, 'bidirectional')).toBe('[?, 20]');

    // A value the inner schema refuses stays in the field with the reason, and never reaches the document.
    await setField(page, 'layer-units', '-3');
    expect(await page.locator('lw-inspector [data-field=units] [data-testid=field-error]').count()).toBe(1);
    expect((await bi()).params.layer).toEqual({ type: 'LSTM', params: { units: 10 } });

    await page.locator('lw-inspector [data-testid=wrapped-kind]').selectOption('GRU');
    await settled(page);
    expect((await bi()).params.layer).toMatchObject({ type: 'GRU', params: { units: 10 } });
    expect(await page.locator('lw-inspector [data-testid=wrapped-kind] option').allTextContents()).toEqual(['LSTM', 'GRU', 'SimpleRNN']);
    await expect.poll(() => shapeOn(page, 'bidirectional')).toBe('[?, 20]');
    expect(await page.locator('[data-testid=status]').textContent()).toContain('No errors');
    expect(errors).toEqual([]);
  });
});
