/**
 * Opening another document puts the trained weights away (open-discards-weights.test.ts);
 * undoing the open brings them back with the graph they were trained on, and redoing it
 * puts them away again. What the Code tab's tfjs download holds is the oracle: the trained
 * bytes after undo, freshly initialised ones after redo, even for a graph with the very
 * same ids and shapes.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { graphOf, launch, settled } from './harness';
import { downloadedWeights, openTrainedSeedLstm } from './trained-lstm';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const toolbar = (page: Page, testid: 'undo' | 'redo') => page.locator(`[data-testid=${testid}]`);

async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
}

/** Undo or redo from the toolbar, until it has taken effect (redo is possible after an undo, and not after the last redo). */
async function step(page: Page, testid: 'undo' | 'redo') {
  await toolbar(page, testid).click();
  await expect.poll(() => toolbar(page, 'redo').isEnabled()).toBe(testid === 'undo');
  await settled(page);
}

/** The recurrent layer's and the classifier's kernels: random when initialised, so equal only when trained weights came along. */
const KERNELS = ['lstm/kernel', 'lstm/recurrent_kernel', 'dense/kernel'];

describe('undo and redo of an open', () => {
  test('undo brings back the trained seed LSTM’s weights, redo puts them away, also when the other graph has the same ids and shapes', async () => {
    const { context, page, errors } = await openTrainedSeedLstm(browser);
    const trained = await downloadedWeights(page);

    // The same example opened again: the same ids, kinds and shapes, not the graph that trained.
    await openExample(page, 'seed-lstm.json');
    const reopened = await downloadedWeights(page);
    for (const name of KERNELS) expect(reopened.get(name)!.bytes, name).not.toBe(trained.get(name)!.bytes);

    await step(page, 'undo');
    expect(await downloadedWeights(page)).toEqual(trained);
    await step(page, 'redo');
    const redone = await downloadedWeights(page);
    expect([...redone.keys()]).toEqual([...trained.keys()]);
    for (const name of KERNELS) expect(redone.get(name)!.bytes, name).not.toBe(trained.get(name)!.bytes);
    await step(page, 'undo');
    expect(await downloadedWeights(page)).toEqual(trained);

    // Another example, then back.
    await openExample(page, 'seed-attention.json');
    await expect.poll(async () => (await graphOf(page)).name).toBe('seed_attention');
    await step(page, 'undo');
    expect((await graphOf(page)).name).toBe('seed_lstm');
    expect(await downloadedWeights(page)).toEqual(trained);
    expect(errors).toEqual([]);
    await context.close();
  }, 360_000);
});
