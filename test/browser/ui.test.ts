import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import { graphOf, launch, mod, node, openApp, selectNode, setField, settled } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the interface', () => {
  test('copy and paste go through the system clipboard, also into another tab', async () => {
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 }, permissions: ['clipboard-read', 'clipboard-write'] });
    const first = await openApp(browser, { context });
    await selectNode(first.page, 'conv2d');
    await selectNode(first.page, 'max_pooling2d', ['Shift']);
    await first.page.keyboard.press(`${mod}+c`);
    const copied = JSON.parse(await first.page.evaluate(() => navigator.clipboard.readText()));
    expect(copied.format).toBe('layerwire.graph');
    expect(copied.nodes.map((n: { id: string }) => n.id)).toEqual(['conv2d', 'max_pooling2d']);
    expect(copied.edges).toHaveLength(1);

    await first.page.keyboard.press(`${mod}+v`);
    await settled(first.page);
    const pasted = await graphOf(first.page);
    expect(pasted.nodes.map((n) => n.id)).toEqual(expect.arrayContaining(['conv2d_1', 'max_pooling2d_1']));
    expect(pasted.edges).toContainEqual({ from: { node: 'conv2d_1', port: 'out' }, to: { node: 'max_pooling2d_1', port: 'in' } });

    const second = await openApp(browser, { context });
    await second.page.locator('[data-testid=new]').click();
    await settled(second.page);
    await second.page.locator('layerwire-editor').click({ position: { x: 300, y: 300 } });
    await second.page.keyboard.press(`${mod}+v`);
    await settled(second.page);
    expect((await graphOf(second.page)).nodes.map((n) => n.type)).toEqual(['Conv2D', 'MaxPooling2D']);

    await second.page.keyboard.press(`${mod}+a`);
    await second.page.keyboard.press(`${mod}+d`);
    await settled(second.page);
    expect((await graphOf(second.page)).nodes).toHaveLength(4);
  });

  test('a label with markup renders as text: no element, no script', async () => {
    const { page, errors } = await openApp(browser);
    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const evil = '<img src=x onerror=alert(1)>';
    await selectNode(page, 'dense');
    await setField(page, 'name', evil);
    expect(await node(page, 'dense').locator('[data-testid=node-name]').textContent()).toBe(evil);
    expect(await page.locator('lw-node img').count()).toBe(0);
    await page.locator('[data-tab=summary]').click();
    expect(await page.locator('lw-summary-panel').locator('img').count()).toBe(0);
    await page.locator('[data-tab=code]').click();
    expect(await page.locator('[data-testid=code] img').count()).toBe(0);
    await page.waitForTimeout(300);
    expect(dialogs).toEqual([]);
    expect(errors.filter((e) => !e.includes('404'))).toEqual([]);
  });

  test('the interface switches between English and Simplified Chinese', async () => {
    const { page } = await openApp(browser);
    expect(await page.locator('[data-testid=new]').textContent()).toContain('New');
    await page.locator('[data-testid=language]').selectOption('zh-CN');
    await expect.poll(() => page.locator('[data-testid=new]').textContent()).toContain('新建');
    expect(await page.locator('lw-palette [data-category=Convolution] .group-head').textContent()).toContain('卷积');
    expect(await page.locator('[data-tab=inspector]').textContent()).toBe('属性');
    expect(await page.locator('[data-testid=status]').textContent()).toContain('没有错误');
    expect(await node(page, 'conv2d').locator('[data-testid=node-params]').textContent()).toBe('896 个参数');
    await page.reload();
    await settled(page);
    expect(await page.locator('[data-testid=new]').textContent()).toContain('新建');
    await page.locator('[data-testid=language]').selectOption('en');
    await expect.poll(() => page.locator('[data-testid=new]').textContent()).toContain('New');
  });

  test('Chinese is the default for a Chinese browser', async () => {
    const { page } = await openApp(browser, { locale: 'zh-CN' });
    expect(await page.locator('[data-testid=save]').textContent()).toContain('保存');
  });

  test('dark theme follows the system and the toggle', async () => {
    const luminance = (rgb: string) => {
      const [r, g, b] = rgb.match(/\d+/g)!.map(Number);
      return (0.2126 * r! + 0.7152 * g! + 0.0722 * b!) / 255;
    };
    const background = (page: import('playwright-core').Page, selector: string) => page.locator(selector).first().evaluate((e) => getComputedStyle(e).backgroundColor);
    const { page } = await openApp(browser, { colorScheme: 'dark' });
    expect(await page.locator('layerwire-app').getAttribute('theme')).toBe('dark');
    expect(luminance(await background(page, 'layerwire-app'))).toBeLessThan(0.2);
    expect(luminance(await background(page, 'lw-node .node'))).toBeLessThan(0.25);
    await page.locator('[data-testid=theme]').click();
    await expect.poll(() => page.locator('layerwire-app').getAttribute('theme')).toBe('light');
    expect(luminance(await background(page, 'layerwire-app'))).toBeGreaterThan(0.8);
    expect(luminance(await background(page, 'lw-node .node'))).toBeGreaterThan(0.9);
  });

  test('a layer dragged from the palette lands where it is dropped', async () => {
    const { page } = await openApp(browser);
    const canvas = (await page.locator('layerwire-editor').boundingBox())!;
    await page.locator('lw-palette [data-kind=Dropout]').dragTo(page.locator('layerwire-editor'), { targetPosition: { x: 120, y: canvas.height - 120 } });
    await settled(page);
    const added = (await graphOf(page)).nodes.find((n) => n.type === 'Dropout')!;
    expect(added.params).toEqual({ rate: 0.5 });
    const box = (await node(page, added.id).boundingBox())!;
    expect(Math.abs(box.x + box.width / 2 - (canvas.x + 120))).toBeLessThan(40);
  });

  test('a graph file dropped on the window opens', async () => {
    const { page } = await openApp(browser);
    const text = readFileSync(fileURLToPath(new URL('../../examples/seed-lstm.json', import.meta.url)), 'utf8');
    await page.evaluate((text) => {
      const data = new DataTransfer();
      data.items.add(new File([text], 'seed-lstm.json', { type: 'application/json' }));
      const app = document.querySelector('layerwire-app')!;
      app.dispatchEvent(new DragEvent('dragover', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
      app.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true, composed: true }));
    }, text);
    await expect.poll(async () => (await graphOf(page)).nodes.map((n) => n.type)).toContain('LSTM');
    await settled(page);
    expect(await page.locator('[data-testid=notice]').textContent()).toContain('seed-lstm.json');
  });

  test('the shortcut overlay lists the keys', async () => {
    const { page } = await openApp(browser);
    await page.locator('layerwire-editor').click({ position: { x: 200, y: 600 } });
    await page.keyboard.press('?');
    const help = page.locator('[data-testid=help]');
    await expect.poll(() => help.isVisible()).toBe(true);
    expect(await help.textContent()).toContain('Undo');
  });

  test('the gallery opens every example, and clicking a problem focuses its node', async () => {
    const { page } = await openApp(browser);
    await page.locator('[data-testid=examples]').click();
    const cards = page.locator('[data-testid=gallery] .card');
    expect(await cards.count()).toBeGreaterThanOrEqual(4);
    await page.locator('[data-testid=gallery] .card[data-file="seed-lstm.json"]').click();
    await settled(page);
    expect((await graphOf(page)).nodes.map((n) => n.type)).toContain('LSTM');

    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect((await graphOf(page)).name).toBe('seed_cnn');
    await selectNode(page, 'flatten');
    await page.keyboard.press('Delete');
    await settled(page);
    await page.locator('[data-testid=diagnostics] li[data-code=LW107]').click();
    await settled(page);
    expect(await page.locator('[data-testid=inspector-kind]').textContent()).toBe('Dense');
    expect(await node(page, 'dense').getAttribute('class')).toContain('selected');
  });
});
