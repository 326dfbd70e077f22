/**
 * The Inspect tab in a real Chromium: draw a digit on the MNIST CNN and see
 * every node's output (feature maps as canvases, ten softmax bars with the
 * predicted class), the seed attention model's weights over time, saliency,
 * a card click selecting its node, and the panel in Chinese.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { launch, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const panel = (page: Page) => page.locator('lw-inspect-panel');
const card = (page: Page, id: string) => panel(page).locator(`[data-testid=inspect-card][data-node-id="${id}"]`);
const selectedIds = (page: Page): Promise<string[]> =>
  page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { selectedNodeIds: string[] }).selectedNodeIds.slice());

/** tfjs and the app load unbundled from the dev server: on a busy two-core machine a page load alone can take a minute. */
const PATIENT = 300_000;

async function patientApp(locale = 'en-US') {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, locale, colorScheme: 'light' });
  context.setDefaultNavigationTimeout(PATIENT);
  context.setDefaultTimeout(PATIENT);
  return openApp(browser, { context });
}

async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
  await page.locator('[data-tab=inspect]').click();
}

/** A vertical stroke down the middle of the pad, like a "1". */
async function drawStroke(page: Page) {
  const box = (await panel(page).locator('[data-testid=digit-pad]').boundingBox())!;
  await page.mouse.move(box.x + box.width * 0.5, box.y + box.height * 0.15);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.52, box.y + box.height * 0.85, { steps: 12 });
  await page.mouse.up();
}

describe('Inspect tab', () => {
  test('MNIST CNN: a drawn stroke shows every node, feature maps as canvases, ten softmax bars, saliency; a card click selects its node', async () => {
    const { page, context, errors } = await patientApp();
    await openExample(page, 'mnist-cnn.json');
    // Nothing drawn yet: no cards, no run.
    await panel(page).locator('[data-testid=digit-pad]').waitFor();
    expect(await card(page, 'dense').count()).toBe(0);

    await drawStroke(page);
    await card(page, 'dense').waitFor();
    expect(await panel(page).locator('[data-testid=inspect-card]').evaluateAll((cards) => cards.map((c) => c.getAttribute('data-node-id')))).toEqual([
      'digit',
      'conv2d',
      'max_pooling2d',
      'flatten',
      'dense',
    ]);
    // conv2d has 8 filters: 8 channel images, each a drawn canvas of the map's size.
    const maps = card(page, 'conv2d').locator('lw-value-image');
    expect(await maps.count()).toBe(8);
    const sizes = await maps.evaluateAll((images) => images.map((i) => { const c = i.shadowRoot!.querySelector('canvas')!; return [c.width, c.height]; }));
    expect(sizes).toEqual(Array(8).fill([26, 26]));
    // The stroke shows up in the Input card: some pixel of the drawn image is bright.
    const inputPeak = await card(page, 'digit').locator('lw-value-image').evaluate((i) => {
      const c = i.shadowRoot!.querySelector('canvas')!;
      return Math.max(...c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data);
    });
    expect(inputPeak).toBe(255);

    // The softmax head: ten labelled bars, a prediction with its probability, percentages summing to ~100.
    const bars = card(page, 'dense').locator('[data-testid=bars]');
    expect(await bars.getAttribute('data-count')).toBe('10');
    const prediction = await card(page, 'dense').locator('[data-testid=prediction]').textContent();
    expect(prediction).toMatch(/Predicted\s+[0-9]\s+·\s+[\d.]+%/);
    const percents = (await bars.locator('span:not(.track):not(.fill)').allTextContents()).filter((s) => s.endsWith('%')).map((s) => Number.parseFloat(s));
    expect(percents).toHaveLength(10);
    expect(Math.abs(percents.reduce((a, b) => a + b, 0) - 100)).toBeLessThan(1);
    expect(await panel(page).locator('[data-testid=weights-status]').textContent()).toMatch(/Untrained weights/);

    // Saliency: an overlay the size of the input.
    await panel(page).locator('[data-testid=saliency-toggle]').check();
    const saliency = panel(page).locator('[data-testid=saliency]');
    await saliency.waitFor();
    expect(await saliency.evaluate((i) => { const c = i.shadowRoot!.querySelector('canvas')!; return [c.width, c.height]; })).toEqual([28, 28]);

    // A card click selects that node on the canvas and the Inspect tab stays open.
    await card(page, 'max_pooling2d').click();
    await expect.poll(() => selectedIds(page), { timeout: PATIENT }).toEqual(['max_pooling2d']);
    expect(await page.locator('[data-tab=inspect]').getAttribute('aria-selected')).toBe('true');
    expect(errors).toEqual([]);
    await context.close();
  }, PATIENT);

  test('seed attention: a dataset sample, the LSTM sequence as a heat map and the attention as a strip over time', async () => {
    const { page, context, errors } = await patientApp();
    await openExample(page, 'seed-attention.json');
    await card(page, 'attention').waitFor();
    expect(await panel(page).locator('[data-testid=sample-index]').count()).toBe(1);
    expect(await panel(page).locator('[data-testid=digit-pad]').count()).toBe(0);
    const strip = card(page, 'attention').locator('[data-testid=attention-strip]');
    const [width, height] = await strip.evaluate((i) => { const c = i.shadowRoot!.querySelector('canvas')!; return [c.width, c.height]; });
    // One row, one column per time step of the LSTM's sequence.
    const lstmShape = await card(page, 'lstm').locator('.shape').textContent();
    const steps = Number(/\[1, (\d+), \d+\]/.exec(lstmShape ?? '')![1]);
    expect([width, height]).toEqual([steps, 1]);
    expect(await card(page, 'lstm').locator('[data-testid=sequence]').count()).toBe(1);
    // Another sample reruns the model: the Input card's picture of the sequence changes.
    const picture = () => card(page, 'sequence').locator('lw-value-image').evaluate((i) => i.shadowRoot!.querySelector('canvas')!.toDataURL());
    const before = await picture();
    await panel(page).locator('[data-testid=sample-index]').fill('5');
    await expect.poll(picture, { timeout: PATIENT }).not.toBe(before);
    expect(await panel(page).locator('.hint').textContent()).toContain('Sample 6 of 64');
    expect(errors).toEqual([]);
    await context.close();
  }, PATIENT);

  test('labels in Chinese', async () => {
    const { page, context } = await patientApp('zh-CN');
    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await openExample(page, 'mnist-cnn.json');
    expect(await page.locator('[data-tab=inspect]').textContent()).toBe('透视');
    await drawStroke(page);
    await card(page, 'dense').waitFor();
    expect(await panel(page).locator('[data-testid=clear-drawing]').textContent()).toContain('清除');
    expect(await card(page, 'dense').locator('[data-testid=prediction]').textContent()).toContain('预测');
    expect(await panel(page).locator('[data-testid=weights-status]').textContent()).toContain('未训练的权重');
    await context.close();
  }, PATIENT);
});
