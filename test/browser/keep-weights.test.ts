/**
 * After training, an edit of the graph keeps the trained weights of the layers it
 * left alone: the Train tab says which were kept and which reset (and why), and the
 * Code tab's download saves the kept layers' trained weights, byte for byte as the
 * download before the edit saved them.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { launch, settled } from './harness';
import { downloadedWeights, openTrainedSeedLstm, trainPanel } from './trained-lstm';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('trained weights across an edit of the graph', () => {
  test('changing the last Dense of the trained seed LSTM resets it alone: the tab names it, the download keeps the LSTM\'s trained weights', async () => {
    const { context, page, errors } = await openTrainedSeedLstm(browser);
    const trained = await downloadedWeights(page);
    expect([...trained.keys()]).toEqual(['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias', 'dense/kernel', 'dense/bias']);

    await page.evaluate(() => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: { nodes: { id: string; params: object }[] }) => unknown): void };
      editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === 'dense' ? { ...n, params: { ...n.params, units: 4 } } : n)) }));
    });
    await settled(page);
    await page.locator('[data-tab=train]').click();
    await expect.poll(() => trainPanel(page).locator('[data-testid=weights-carried]').textContent()).toBe('Kept the trained weights of 1 layer; reset 1: dense (units 10 → 4).');

    const carried = await downloadedWeights(page);
    for (const name of ['lstm/kernel', 'lstm/recurrent_kernel', 'lstm/bias']) expect(carried.get(name), name).toEqual(trained.get(name));
    expect(carried.get('dense/kernel')!.shape).toEqual([50, 4]);
    expect(carried.get('dense/bias')!.shape).toEqual([4]);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
