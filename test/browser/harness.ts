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
  // A cold dev server on a busy 2-core machine can take a minute to serve the first page.
  await page.goto(options.url ?? baseURL(), { timeout: 120_000 });
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

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface DrawnWire {
  from: string;
  to: string;
  /** Points along the drawn path, on screen, from the output to the input. */
  points: { x: number; y: number }[];
  label: Box | null;
}

/** What the canvas draws, on screen: each node's box, each wire's path and label, and the zoom. */
export async function drawnLayout(page: Page): Promise<{ nodes: Record<string, Box>; wires: DrawnWire[]; zoom: number }> {
  return page.evaluate(() => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!;
    const deep = (root: ParentNode, selector: string, out: Element[] = []): Element[] => {
      out.push(...root.querySelectorAll(selector));
      for (const el of root.querySelectorAll('*')) if (el.shadowRoot) deep(el.shadowRoot, selector, out);
      return out;
    };
    const box = (el: Element) => {
      const r = el.getBoundingClientRect();
      return { left: r.left, top: r.top, right: r.right, bottom: r.bottom };
    };
    const nodes: Record<string, ReturnType<typeof box>> = {};
    for (const el of deep(editor.shadowRoot!, 'lw-node .node')) nodes[(el as HTMLElement).dataset.nodeId!] = box(el);
    const wires = deep(editor.shadowRoot!, 'lw-wire').map((wire) => {
      const svg = wire.shadowRoot!.querySelector('svg')!;
      const [from, , to] = (svg.dataset.wireId ?? '').split('\u0000');
      const path = wire.shadowRoot!.querySelector('path.wire') as SVGPathElement;
      const ctm = path.getScreenCTM()!;
      const length = path.getTotalLength();
      const points = Array.from({ length: 61 }, (_, i) => {
        const p = path.getPointAtLength((length * i) / 60).matrixTransform(ctm);
        return { x: p.x, y: p.y };
      });
      const label = wire.shadowRoot!.querySelector('.label');
      return { from: from!, to: to!, points, label: label ? box(label) : null };
    });
    const any = Object.values(nodes)[0];
    return { nodes, wires, zoom: any ? (any.right - any.left) / 252 : 1 };
  });
}

const inside = (p: { x: number; y: number }, b: Box, inset = 1) => p.x > b.left + inset && p.x < b.right - inset && p.y > b.top + inset && p.y < b.bottom - inset;
const intersects = (a: Box, b: Box) => a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;

/**
 * How a drawn graph fails to read top to bottom, in words (empty when it reads
 * well): nodes on top of each other, a wire that does not run down from its
 * producer into the layer it feeds, a wire drawn across a node, a label over a node.
 */
export function layoutProblems(layout: { nodes: Record<string, Box>; wires: DrawnWire[] }): string[] {
  const problems: string[] = [];
  const entries = Object.entries(layout.nodes);
  entries.forEach(([a, boxA], i) => entries.slice(i + 1).forEach(([b, boxB]) => intersects(boxA, boxB) && problems.push(`${a} overlaps ${b}`)));
  for (const wire of layout.wires) {
    const name = `${wire.from} → ${wire.to}`;
    const from = layout.nodes[wire.from]!;
    const to = layout.nodes[wire.to]!;
    if (!(from.bottom < to.top)) problems.push(`${name} does not run downwards`);
    const start = wire.points[0]!;
    const end = wire.points.at(-1)!;
    if (Math.abs(start.y - from.bottom) > 3 || Math.abs(end.y - to.top) > 3) problems.push(`${name} does not leave the bottom edge and enter the top edge`);
    for (const [id, node] of entries) {
      if (wire.points.slice(2, -2).some((p) => inside(p, node))) problems.push(`${name} is drawn across ${id}`);
      if (wire.label && intersects(wire.label, node)) problems.push(`the label of ${name} covers ${id}`);
    }
  }
  return problems;
}
