import { inject } from 'vitest';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';

/** Debian's Chromium, as CI installs it with apt; flags keep it quiet and offline. */
export const CHROMIUM = {
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic'],
};

export const baseURL = () => inject('baseURL');

export function launch(): Promise<Browser> {
  return chromium.launch(CHROMIUM);
}

export interface AppPage {
  page: Page;
  context: BrowserContext;
  errors: string[];
}

/** A fresh profile (no autosave, no stored theme or language) with the app loaded and its graph drawn. */
export async function openApp(browser: Browser, options: { locale?: string; colorScheme?: 'light' | 'dark'; context?: BrowserContext; url?: string } = {}): Promise<AppPage> {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: { width: 1440, height: 900 },
      locale: options.locale ?? 'en-US',
      colorScheme: options.colorScheme ?? 'light',
      acceptDownloads: true,
    }));
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await page.goto(options.url ?? baseURL());
  await settled(page);
  return { page, context, errors };
}

/** Waits until the editor has loaded a document and the canvas shows it. */
export async function settled(page: Page): Promise<void> {
  await page.waitForFunction(() => {
    const app = document.querySelector('layerwire-app');
    return Boolean(app?.shadowRoot?.querySelector('layerwire-editor'));
  });
  await page.evaluate(async () => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { whenSettled(): Promise<void> };
    await editor.whenSettled();
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
  });
}

/** The editor's current document, straight from the element's `graph` property. */
export function graphOf(page: Page): Promise<GraphDocument> {
  return page.evaluate(() => (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: GraphDocument }).graph);
}

export const node = (page: Page, id: string): Locator => page.locator(`lw-node[data-node-id="${id}"] .node`);
export const socket = (page: Page, id: string, side: 'input' | 'output', index = 0): Locator => page.locator(`lw-node[data-node-id="${id}"] rete-ref.socket-ref.${side}`).nth(index);
export const wireLabels = (page: Page): Promise<string[]> => page.locator('[data-testid=wire-label]').allTextContents();

/** Selects a node by clicking its header. */
export async function selectNode(page: Page, id: string, modifiers: ('Shift' | 'Control')[] = []): Promise<void> {
  await node(page, id).click({ position: { x: 40, y: 12 }, modifiers });
  await settled(page);
}

/** Drags a wire with the mouse, the way a person does: press on one socket, move, release on another (or on a point). */
export async function dragWire(page: Page, from: Locator, to: Locator | { x: number; y: number }): Promise<void> {
  const a = (await from.boundingBox())!;
  await page.mouse.move(a.x + a.width / 2, a.y + a.height / 2);
  await page.mouse.down();
  const b = 'boundingBox' in to ? (await to.boundingBox())! : { x: to.x, y: to.y, width: 0, height: 0 };
  await page.mouse.move(b.x + b.width / 2, b.y + b.height / 2, { steps: 10 });
  await page.mouse.up();
  await settled(page);
}

export async function setField(page: Page, key: string, value: string): Promise<void> {
  const input = page.locator(`lw-inspector #field-${key}`);
  await input.fill(value);
  await input.press('Enter');
  await settled(page);
}

export const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
