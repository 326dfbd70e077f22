/**
 * Syncing the canvas after an edit that keeps the wiring (the same edges and
 * blocks): the view looks again only at the nodes the edit replaced, so what
 * such an edit changes about a node — its output ports, its name, its place,
 * its shapes — must still show, and nodes it left alone must not be drawn again.
 */
import { afterAll, beforeAll, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';
import { findLayer } from '../../compiler/layers/registry';
import { outputPorts } from '../../compiler/layers/definition';
import { launch, openApp, settled } from './harness';

let browser: Browser;
let page: Page;

const model: GraphDocument = {
  format: 'layerwire.graph',
  version: 1,
  name: 'sync',
  nodes: [
    { id: 'input', type: 'Input', params: { shape: [10, 8] }, position: { x: 0, y: 0 } },
    { id: 'lstm', type: 'LSTM', params: { units: 4 }, position: { x: 0, y: 160 } },
    { id: 'dense', type: 'Dense', params: { units: 2 }, position: { x: 0, y: 320 } },
  ],
  edges: [
    { from: { node: 'input', port: 'out' }, to: { node: 'lstm', port: 'in' } },
    { from: { node: 'lstm', port: 'out' }, to: { node: 'dense', port: 'in' } },
  ],
  blocks: {},
};

beforeAll(async () => {
  browser = await launch();
  ({ page } = await openApp(browser));
  await page.evaluate(async (d) => {
    const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { load(d: unknown, o: unknown): Promise<void> };
    await editor.load(d, { record: false, fit: true });
  }, model);
  await settled(page);
}, 300_000);

afterAll(async () => {
  await browser?.close();
});

/** Sets one node's params (or other fields) through the editor, the way the inspector does: edges and blocks stay the same objects. */
async function editNode(id: string, change: Record<string, unknown>): Promise<void> {
  await page.evaluate(
    ({ id, change }) => {
      const editor = document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { edit(f: (d: GraphDocument) => GraphDocument): boolean };
      editor.edit((d) => ({ ...d, nodes: d.nodes.map((n) => (n.id === id ? { ...n, ...change } : n)) }));
    },
    { id, change },
  );
  await settled(page);
}

const outputSockets = (id: string) => page.locator(`lw-node[data-node-id="${id}"] rete-ref.socket-ref.output`).evaluateAll((els) => els.map((el) => el.getAttribute('title')));
const renderCounts = () =>
  page.evaluate(() =>
    Object.fromEntries(
      [...document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!.querySelectorAll('lw-node')].map((el) => [
        (el as HTMLElement).dataset.nodeId,
        (el as unknown as { renderCount: number }).renderCount,
      ]),
    ),
  );

test('a parameter that adds output ports gives the node those sockets, with the wiring unchanged', async () => {
  const lstm = findLayer('LSTM')!;
  expect(await outputSockets('lstm')).toEqual(outputPorts(lstm, lstm.params.parse({ units: 4 })));
  await editNode('lstm', { params: { units: 4, returnState: true } });
  const ports = outputPorts(lstm, lstm.params.parse({ units: 4, returnState: true }));
  expect(ports.length).toBeGreaterThan(1);
  expect(await outputSockets('lstm')).toEqual(ports);
  // The wire from the first output is still drawn, into the node below.
  const wires = await page.evaluate(() =>
    [...document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor')!.shadowRoot!.querySelectorAll('rete-connection-wrapper')].map((w) =>
      w.shadowRoot?.querySelector('lw-wire')?.shadowRoot?.querySelector('svg')?.getAttribute('data-wire-id'),
    ),
  );
  expect(wires).toContain('lstm\u0000out\u0000dense\u0000in');
  await editNode('lstm', { params: { units: 4 } });
  expect(await outputSockets('lstm')).toEqual(['out']);
});

test('a rename, a move and a new shape show; the node nobody touched is not drawn again', async () => {
  const before = await renderCounts();
  await editNode('dense', { name: 'classifier', params: { units: 3 } });
  expect(await page.locator('lw-node[data-node-id="dense"] [data-testid=node-name]').textContent()).toBe('classifier');
  expect(await page.locator('lw-node[data-node-id="dense"] [data-testid=node-shape]').textContent()).toBe('[?, 3]');
  const after = await renderCounts();
  expect(after.input).toBe(before.input);
  expect(after.lstm).toBe(before.lstm);
  expect(after.dense).toBeGreaterThan(before.dense!);

  const box = async () => (await page.locator('lw-node[data-node-id="dense"] .node').boundingBox())!;
  const at = await box();
  await editNode('dense', { position: { x: 300, y: 320 } });
  const moved = await box();
  expect(moved.x).toBeGreaterThan(at.x + 100);
  expect(moved.y).toBeCloseTo(at.y, 0);
});
