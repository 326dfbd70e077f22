import { readFileSync } from 'node:fs';
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
