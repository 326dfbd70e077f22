/**
 * Training runs in a Web Worker: the editor keeps answering while a model
 * trains, and where the worker cannot load, training still runs in the page
 * and says so. How long the page's frames and tasks take is measured by a
 * script, not asserted here (see the worker-training report): these tests
 * check what a person can do meanwhile.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, node, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const panel = (page: Page) => page.locator('lw-train-panel');
const phase = (page: Page) => panel(page).evaluate((el) => (el as unknown as { phase: string }).phase);
const batchesDone = (page: Page) => panel(page).evaluate((el) => (el as unknown as { progress?: { batch: number } }).progress?.batch ?? 0);

async function prepare(page: Page, run: { samples: number; epochs: number; batchSize: number }) {
  await page.locator('[data-testid=examples]').click();
  await page.locator('[data-testid=gallery] .card[data-file="seed-lstm.json"]').click();
  await settled(page);
  await page.locator('[data-tab=train]').click();
  for (const [testid, value] of [['train-samples', run.samples], ['train-epochs', run.epochs], ['train-batch-size', run.batchSize]] as const) {
    const input = panel(page).locator(`[data-testid=${testid}]`);
    await input.fill(String(value));
    await input.press('Enter');
  }
}

// A fresh worker loads tfjs and the compiler from the dev server: give a run time to start on a busy machine.
describe('training in a worker', { timeout: 240_000 }, () => {
  test('while the seed LSTM trains, a click on a canvas node selects it and the inspector shows it; training goes on and stops when asked', async () => {
    const { page, errors } = await openApp(browser);
    // 2000 samples in batches of 16: 113 batches an epoch, far more than run before the test stops it.
    await prepare(page, { samples: 2000, epochs: 3, batchSize: 16 });
    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => batchesDone(page), { timeout: 200_000 }).toBeGreaterThan(0);
    expect(page.workers().length).toBeGreaterThan(0);

    await node(page, 'lstm').click({ position: { x: 40, y: 12 } });
    await expect.poll(() => page.locator('lw-inspector [data-testid=inspector-kind]').textContent()).toBe('LSTM');
    expect(await phase(page)).toBe('training');
    const seen = await batchesDone(page);
    // Training went on behind the inspector: more batches arrive.
    await expect.poll(() => batchesDone(page), { timeout: 60_000 }).toBeGreaterThan(seen);

    await page.locator('[data-tab=train]').click();
    await panel(page).locator('[data-testid=stop]').click();
    await expect.poll(() => phase(page), { timeout: 60_000 }).toBe('stopped');
    expect(await panel(page).locator('[data-testid=train-in-page]').count()).toBe(0);
    expect(errors).toEqual([]);
  });

  test('where the worker cannot load, training runs in the page and the tab says why', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale: 'en-US' });
    await context.route(/train-worker\.ts/, (route) => route.abort());
    const { page, errors } = await openApp(browser, { context });
    await prepare(page, { samples: 48, epochs: 1, batchSize: 8 });
    await panel(page).locator('[data-testid=train]').click();
    await expect.poll(() => phase(page), { timeout: 200_000 }).toBe('done');
    expect(await panel(page).locator('[data-testid=train-in-page]').textContent()).toContain('Training runs in the page rather than in a background worker');
    expect(await panel(page).locator('[data-testid=train-figures]').textContent()).toContain('Epoch 1/1 · batch 6/6');
    // The page's own tfjs trained, on the backend asked for.
    expect(await page.locator('[data-testid=backend]').textContent()).toContain('wasm');
    // The blocked worker script is the only error the page logs.
    expect(errors.filter((e) => !/train-worker|Failed to load resource/.test(e))).toEqual([]);
    await context.close();
  });
});
