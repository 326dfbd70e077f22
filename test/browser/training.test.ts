/**
 * Training settings in the inspector: a form generated from the training
 * schema, each change one undoable document edit that the generated code
 * follows, and a value the schema refuses shown inline, never applied.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { graphOf, launch, mod, openApp, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const inspector = (page: Page) => page.locator('lw-inspector');
const code = async (page: Page) => {
  await page.locator('[data-tab=code]').click();
  await settled(page);
  return (await page.locator('[data-testid=code]').textContent()) ?? '';
};
const compileCall = async (page: Page) => (await code(page)).match(/optimizer: (tf\.train\.\w+\([^)]*\))/)?.[1];
const backToInspector = async (page: Page) => {
  await page.locator('[data-tab=inspector]').click();
  await settled(page);
};
async function typeInto(page: Page, id: string, text: string) {
  const input = inspector(page).locator(`#${id}`);
  await input.fill(text);
  await input.press('Enter');
  await settled(page);
}
async function openExample(page: Page, file: string) {
  await page.locator('[data-testid=examples]').click();
  await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
  await settled(page);
}

describe('the optimizer', () => {
  test('the learning rate is edited in the inspector, the code follows, undo restores it', async () => {
    const { page, errors } = await openApp(browser);
    expect(await compileCall(page)).toBe('tf.train.adam(0.001, 0.9, 0.999)');
    await backToInspector(page);
    await typeInto(page, 'field-optimizer-learningRate', '0.01');
    expect((await graphOf(page)).training!.optimizer).toEqual({ type: 'adam', learningRate: 0.01, beta1: 0.9, beta2: 0.999 });
    await expect.poll(() => compileCall(page)).toBe('tf.train.adam(0.01, 0.9, 0.999)');

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect((await graphOf(page)).training!.optimizer.learningRate).toBe(0.001);
    await expect.poll(() => compileCall(page)).toBe('tf.train.adam(0.001, 0.9, 0.999)');
    expect(errors).toEqual([]);
  });

  test.each([
    ['0', 'positive'],
    ['-0.5', 'positive'],
  ])('a learning rate of %s is refused inline and never reaches the document', async (text, reason) => {
    const { page } = await openApp(browser);
    const before = await graphOf(page);
    const input = inspector(page).locator('#field-optimizer-learningRate');
    await input.fill(text);
    await input.press('Enter');
    await settled(page);
    const error = inspector(page).locator('[data-field=learningRate] [data-testid=field-error]');
    await expect.poll(async () => (await error.textContent())?.toLowerCase()).toContain(reason);
    expect(await graphOf(page)).toEqual(before);
    expect(await page.locator('[data-testid=undo]').isDisabled()).toBe(true);
  });

  test('another optimizer brings its own settings and defaults', async () => {
    const { page } = await openApp(browser);
    await inspector(page).locator('#training-optimizer').selectOption('momentum');
    await settled(page);
    expect((await graphOf(page)).training!.optimizer).toEqual({ type: 'momentum', learningRate: 0.01, momentum: 0.9, useNesterov: false });
    const fields = await inspector(page).locator('lw-training-form [data-field=optimizer] .settings .field').evaluateAll((els) => els.map((e) => (e as HTMLElement).dataset.field));
    expect(fields).toEqual(['learningRate', 'momentum', 'useNesterov']);
    await inspector(page).locator('#field-optimizer-useNesterov').check();
    await settled(page);
    await expect.poll(() => compileCall(page)).toBe('tf.train.momentum(0.01, 0.9, true)');
  });
});

describe('loss, weights and metrics', () => {
  test('the multi-task model: a loss per output, a loss weight, one loss for all, a metric — each in the code, each undoable', async () => {
    const { page, errors } = await openApp(browser);
    await openExample(page, 'seed-multitask.json');
    const original = await graphOf(page);

    await inspector(page).locator('#training-loss-task2').selectOption('meanSquaredError');
    await settled(page);
    expect((await graphOf(page)).training!.loss).toEqual({ task1: 'categoricalCrossentropy', task2: 'meanSquaredError' });
    await expect.poll(async () => (await code(page)).match(/^\s+loss: (.*),$/m)?.[1]).toBe("[weightedLoss(tf.metrics.categoricalCrossentropy, 1), weightedLoss(tf.metrics.meanSquaredError, 0.5)]");
    await backToInspector(page);

    await typeInto(page, 'field-lossWeight-task2', '2');
    expect((await graphOf(page)).training!.lossWeights).toEqual({ task1: 1, task2: 2 });
    await typeInto(page, 'field-lossWeight-task1', '-1');
    expect(await inspector(page).locator('[data-field=task1] [data-testid=field-error]').count()).toBe(1);
    expect((await graphOf(page)).training!.lossWeights).toEqual({ task1: 1, task2: 2 });

    await inspector(page).locator('[data-testid=loss-shared]').click();
    await settled(page);
    expect((await graphOf(page)).training!.loss).toBe('categoricalCrossentropy');

    await inspector(page).locator('[data-metric=precision]').check();
    await settled(page);
    expect((await graphOf(page)).training!.metrics).toEqual(['accuracy', 'precision']);
    await expect.poll(async () => (await code(page)).match(/^\s+metrics: (.*),$/m)?.[1]).toBe("['accuracy', 'precision']");

    for (let i = 0; i < 4; i++) {
      await page.keyboard.press(`${mod}+z`);
      await settled(page);
    }
    expect(await graphOf(page)).toEqual(original);
    expect(errors).toEqual([]);
  });

  test('a model without training settings gets the defaults with one click, and loses them with another', async () => {
    const { page } = await openApp(browser);
    await inspector(page).locator('[data-testid=remove-training]').click();
    await settled(page);
    expect((await graphOf(page)).training).toBeUndefined();
    expect(await code(page)).not.toContain('.compile(');
    await backToInspector(page);
    await inspector(page).locator('[data-testid=add-training]').click();
    await settled(page);
    expect((await graphOf(page)).training).toEqual({ optimizer: { type: 'adam', learningRate: 0.001, beta1: 0.9, beta2: 0.999 }, loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
  });
});
