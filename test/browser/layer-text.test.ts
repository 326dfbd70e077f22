import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { findLayer } from '../../compiler/layers/registry';
import { LAYER_TEXT_ZH, SHARED_PARAMS_ZH } from '../../compiler/layers/text.zh-CN';
import { describeFields } from '../../src/schema-form/introspect';
import { launch, openApp, selectNode } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const conv2d = findLayer('Conv2D')!;
const englishKernelSize = describeFields(conv2d.params).find((f) => f.key === 'kernelSize')!.description!;

describe('layer help and parameter descriptions follow the editor language', () => {
  test('the inspector and the palette switch to Chinese and back', async () => {
    const { page, errors } = await openApp(browser);
    const help = page.locator('lw-inspector [data-testid=inspector-help]');
    const kernelSize = page.locator('lw-inspector [data-field=kernelSize] .desc');
    const paletteItem = page.locator('lw-palette .item[data-kind=Conv2D]');

    await selectNode(page, 'conv2d');
    expect(await help.textContent()).toBe(conv2d.help);
    expect(await kernelSize.textContent()).toBe(englishKernelSize);
    expect(await paletteItem.getAttribute('title')).toBe(conv2d.help);

    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await expect.poll(() => help.textContent()).toBe(LAYER_TEXT_ZH.Conv2D.help);
    expect(await kernelSize.textContent()).toBe(SHARED_PARAMS_ZH.kernelSize);
    expect(await paletteItem.getAttribute('title')).toBe(LAYER_TEXT_ZH.Conv2D.help);

    await page.locator('[data-testid=language]').selectOption('en');
    await expect.poll(() => help.textContent()).toBe(conv2d.help);
    expect(await kernelSize.textContent()).toBe(englishKernelSize);
    expect(await paletteItem.getAttribute('title')).toBe(conv2d.help);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  test('the palette search finds a layer by its Chinese help', async () => {
    const { page } = await openApp(browser, { locale: 'zh-CN' });
    await page.locator('lw-palette input[type=search]').fill('展平');
    await expect.poll(() => page.locator('lw-palette .item').evaluateAll((items) => items.map((i) => (i as HTMLElement).dataset.kind))).toContain('Flatten');
  });
});
