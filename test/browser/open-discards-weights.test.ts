/**
 * Trained weights belong to the graph they were trained on. An edit keeps those
 * that still fit (keep-weights.test.ts); opening another document lets them
 * go, even one whose node ids and shapes happen to match the trained graph.
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { graphOf, launch, settled } from './harness';
import { downloadedWeights, openTrainedSeedLstm, trainPanel } from './trained-lstm';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('opening another document', () => {
  test('after training the seed LSTM, a file with the same ids and shapes opens without its trained weights', async () => {
    const { context, page, errors } = await openTrainedSeedLstm(browser);
    const trained = await downloadedWeights(page);
    // The download of the trained graph is the trained model, every time.
    expect(await downloadedWeights(page)).toEqual(trained);

    // Another model that happens to have the same layers, ids and shapes: another name, other positions.
    const graph = await graphOf(page);
    const other = { ...graph, name: 'someone_elses_lstm', nodes: graph.nodes.map((n) => ({ ...n, position: { x: n.position.x + 40, y: n.position.y + 40 } })) };
    const dir = mkdtempSync(join(tmpdir(), 'layerwire-open-'));
    writeFileSync(join(dir, 'other.layerwire.json'), JSON.stringify(other));
    await page.locator('[data-testid=file-input]').setInputFiles(join(dir, 'other.layerwire.json'));
    await expect.poll(async () => (await graphOf(page)).name).toBe('someone_elses_lstm');
    await settled(page);

    const opened = await downloadedWeights(page);
    expect([...opened.keys()]).toEqual([...trained.keys()]);
    // Freshly initialised: no tensor carries the trained values (the biases start at zero; kernels are random).
    for (const name of ['lstm/kernel', 'lstm/recurrent_kernel', 'dense/kernel']) expect(opened.get(name)!.bytes, name).not.toBe(trained.get(name)!.bytes);
    await page.locator('[data-tab=train]').click();
    expect(await trainPanel(page).locator('[data-testid=weights-carried]').count()).toBe(0);
    expect(errors).toEqual([]);
    await context.close();
  }, 240_000);
});
