import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';
import { launch, node, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The seed CNN with its Flatten taken out: Dense runs on [?, 31, 31, 32], and the loss check offers to put Flatten back. */
function seedWithoutFlatten(): GraphDocument {
  const seed = JSON.parse(readFileSync(new URL('../../examples/seed-cnn.json', import.meta.url), 'utf8')) as GraphDocument;
  return {
    ...seed,
    nodes: seed.nodes.filter((n) => n.id !== 'flatten'),
    edges: [...seed.edges.filter((e) => e.from.node !== 'flatten' && e.to.node !== 'flatten'), { from: { node: 'max_pooling2d', port: 'out' }, to: { node: 'dense', port: 'in' } }],
  };
}

async function openDocument(page: Page, graph: GraphDocument): Promise<void> {
  await page.evaluate((d) => {
    (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: unknown }).graph = d;
  }, graph);
  await settled(page);
}

const lossProblem = (page: Page) => page.locator('lw-diagnostics-panel li[data-code=LW205]');

describe('diagnostics follow the editor language', () => {
  test('the problems panel and the node tooltip switch to Chinese and back', async () => {
    const { page, errors } = await openApp(browser);
    await openDocument(page, seedWithoutFlatten());
    const english = "Output 'dense_1' has shape [?, 31, 31, 10], but categoricalCrossentropy expects [batch, classes]; Dense 'dense' is applied to a rank-4 tensor — insert Flatten before it";
    const chinese = "输出 'dense_1' 的形状为 [?, 31, 31, 10]，但 categoricalCrossentropy 要求 [batch, classes]；Dense 'dense' 作用在一个 4 阶张量上，请在它之前插入 Flatten";
    await expect.poll(() => lossProblem(page).locator('.message').textContent()).toBe(english);
    expect(await lossProblem(page).locator('[data-testid=apply-fix]').textContent()).toContain('Insert Flatten before dense');
    expect(await node(page, 'dense_1').getAttribute('title')).toContain(english);

    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await expect.poll(() => lossProblem(page).locator('.message').textContent()).toBe(chinese);
    expect(await lossProblem(page).locator('[data-testid=apply-fix]').textContent()).toContain('在 dense 之前插入 Flatten');
    await expect.poll(() => node(page, 'dense_1').getAttribute('title')).toContain(chinese);

    // The Chinese fix still applies the same edit.
    await lossProblem(page).locator('[data-testid=apply-fix]').click();
    await settled(page);
    await expect.poll(() => lossProblem(page).count()).toBe(0);

    await openDocument(page, seedWithoutFlatten());
    await page.locator('[data-testid=language]').selectOption('en');
    await expect.poll(() => lossProblem(page).locator('.message').textContent()).toBe(english);
    await expect.poll(() => node(page, 'dense_1').getAttribute('title')).toContain(english);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});

describe('files that cannot be opened explain themselves in the editor language', () => {
  const bad = (name: string) => fileURLToPath(new URL(`../fixtures/bad/${name}`, import.meta.url));
  const closeDialog = (page: Page) => page.evaluate(() => document.querySelector('layerwire-app')!.shadowRoot!.querySelector('lw-load-error')!.shadowRoot!.querySelector('dialog')!.close());

  test('a corrupt graph file and a corrupt Keras model, in Chinese with their JSON paths; the paste toast too', async () => {
    const { page, errors } = await openApp(browser);
    const reasons = page.locator('[data-testid=load-error] li');
    const language = page.locator('[data-testid=language]');

    await page.locator('[data-testid=file-input]').setInputFiles([bad('node-id-number.json')]);
    await expect.poll(() => reasons.first().textContent()).toBe('nodes[0].idexpected string, got 7');
    await closeDialog(page);

    await language.selectOption('zh-CN');
    await page.locator('[data-testid=file-input]').setInputFiles([bad('node-id-number.json')]);
    await expect.poll(() => reasons.first().textContent()).toBe('nodes[0].id应为字符串，当前值为 7');
    expect(await reasons.first().locator('code').textContent()).toBe('nodes[0].id');
    await closeDialog(page);

    await page.locator('[data-testid=file-input]').setInputFiles([bad('keras-layers-not-list.json')]);
    await expect.poll(() => reasons.first().textContent()).toBe('config.layerskeras-layers-not-list.json：config.layers：应为模型的层列表，实际为 "Dense"');
    await closeDialog(page);

    // A graph on the clipboard that does not parse: the paste toast speaks Chinese too.
    await page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { pasteJson(text: string): boolean };
      editor.pasteJson(JSON.stringify({ format: 'layerwire.graph', version: 1, nodes: [{ id: 7, type: 'Input' }] }));
    });
    await expect.poll(() => page.locator('[data-testid=toast]').textContent()).toBe('剪贴板中的图无法粘贴：nodes[0].id: 应为字符串，当前值为 7');
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });
});
