/**
 * A model reads top to bottom, as Keras's plot_model and Netron draw it:
 * every wire runs down from a layer's output into the next layer's input,
 * nothing is drawn over a node, and a graph opens at a zoom its text reads at.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import type { GraphDocument } from '../../schemas/graph';
import { drawnLayout, graphOf, launch, layoutProblems, mod, node, openApp, settled } from './harness';

const examplesDir = fileURLToPath(new URL('../../examples/', import.meta.url));
const exampleFiles = readdirSync(examplesDir).filter((f) => f.endsWith('.json'));
const example = (file: string) => JSON.parse(readFileSync(`${examplesDir}${file}`, 'utf8')) as GraphDocument;
const positions = (d: GraphDocument) => Object.fromEntries(d.nodes.map((n) => [n.id, n.position]));

/** A ResNet-like stack, 4 layers and a skip connection per block, every node at the origin (as a script might write it). */
function residualStack(blocks: number): GraphDocument {
  const at = { x: 0, y: 0 };
  const conv = (id: string, activation?: string) => ({ id, type: 'Conv2D', params: { filters: 16, kernelSize: 3, padding: 'same', ...(activation ? { activation } : {}) }, position: at });
  const edge = (from: string, to: string, port = 'in') => ({ from: { node: from, port: 'out' }, to: { node: to, port } });
  const nodes: GraphDocument['nodes'] = [{ id: 'image', type: 'Input', params: { shape: [32, 32, 3] }, position: at }, conv('stem', 'relu')];
  const edges: GraphDocument['edges'] = [edge('image', 'stem')];
  let previous = 'stem';
  for (let b = 0; b < blocks; b++) {
    const [c1, bn, c2, add] = [`b${b}_conv1`, `b${b}_bn`, `b${b}_conv2`, `b${b}_add`];
    nodes.push(conv(c1, 'relu'), { id: bn, type: 'BatchNormalization', params: {}, position: at }, conv(c2), { id: add, type: 'Add', params: {}, position: at });
    edges.push(edge(previous, c1), edge(c1, bn), edge(bn, c2), edge(c2, add, 'in0'), edge(previous, add, 'in1'));
    previous = add;
  }
  nodes.push({ id: 'pool', type: 'GlobalAveragePooling2D', params: {}, position: at }, { id: 'classes', type: 'Dense', params: { units: 10, activation: 'softmax' }, position: at });
  edges.push(edge(previous, 'pool'), edge('pool', 'classes'));
  return { format: 'layerwire.graph', version: 1, name: 'residual_stack', nodes, edges, blocks: {} };
}

async function openDocument(page: Page, graph: GraphDocument): Promise<void> {
  await page.evaluate((d) => {
    (document.querySelector('layerwire-app')!.shadowRoot!.querySelector('layerwire-editor') as unknown as { graph: unknown }).graph = d;
  }, graph);
  await settled(page);
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('what reading top to bottom means', () => {
  test('a tangle is described in words', () => {
    const box = (left: number, top: number) => ({ left, top, right: left + 100, bottom: top + 50 });
    const line = (a: { x: number; y: number }, b: { x: number; y: number }) => Array.from({ length: 11 }, (_, i) => ({ x: a.x + ((b.x - a.x) * i) / 10, y: a.y + ((b.y - a.y) * i) / 10 }));
    const nodes = { a: box(0, 0), b: box(0, 200), c: box(0, 100), d: box(300, 0), e: box(350, 20) };
    const wires = [
      { from: 'a', to: 'b', points: line({ x: 50, y: 50 }, { x: 50, y: 200 }), label: { left: 30, top: 120, right: 70, bottom: 130 } },
      { from: 'b', to: 'd', points: line({ x: 50, y: 240 }, { x: 350, y: 0 }), label: null },
    ];
    expect(layoutProblems({ nodes, wires })).toEqual([
      'd overlaps e',
      'a → b is drawn across c',
      'the label of a → b covers c',
      'b → d does not run downwards',
      'b → d does not leave the bottom edge and enter the top edge',
    ]);
  });
});

describe('the seed CNN', () => {
  test('opens as its file says, one layer under the other: every wire runs down into the next layer, no node overlaps another', async () => {
    const { page, errors } = await openApp(browser);
    expect(positions(await graphOf(page))).toEqual(positions(example('seed-cnn.json')));
    const layout = await drawnLayout(page);
    expect(layoutProblems(layout)).toEqual([]);
    const order = ['image', 'conv2d', 'max_pooling2d', 'flatten', 'dense', 'dense_1'];
    const tops = order.map((id) => layout.nodes[id]!.top);
    expect(tops).toEqual([...tops].sort((a, b) => a - b));
    // A chain is one straight column, drawn whole at a readable zoom.
    expect(new Set(order.map((id) => Math.round(layout.nodes[id]!.left))).size).toBe(1);
    expect(layout.zoom).toBeGreaterThanOrEqual(0.75);
    const canvas = (await page.locator('layerwire-editor').boundingBox())!;
    for (const id of order) expect(layout.nodes[id]!.bottom).toBeLessThan(canvas.y + canvas.height);
    expect(errors).toEqual([]);
  });

  test('inputs sit on the top edge and outputs on the bottom edge; a merge takes in0, in1 side by side', async () => {
    const { page } = await openApp(browser);
    await openDocument(page, example('cross-modal.json'));
    const fuse = (await node(page, 'fuse').boundingBox())!;
    const sockets = await page.locator('lw-node[data-node-id="fuse"] rete-ref.socket-ref').evaluateAll((els) =>
      els.map((e) => {
        const r = e.getBoundingClientRect();
        return { side: e.classList.contains('input') ? 'input' : 'output', x: r.left + r.width / 2, y: r.top + r.height / 2 };
      }),
    );
    const inputs = sockets.filter((s) => s.side === 'input');
    const outputs = sockets.filter((s) => s.side === 'output');
    expect(inputs.length).toBe(3); // in0, in1 and the spare in2
    for (const s of inputs) expect(Math.abs(s.y - fuse.y)).toBeLessThan(2);
    for (const s of outputs) expect(Math.abs(s.y - (fuse.y + fuse.height))).toBeLessThan(2);
    expect(inputs.map((s) => s.x)).toEqual([...inputs.map((s) => s.x)].sort((a, b) => a - b));
    expect(await page.locator('lw-node[data-node-id="fuse"] .port-name').allTextContents()).toEqual(['in0', 'in1', 'in2']);
  });
});

describe('the examples', () => {
  test.each(exampleFiles)('%s opens with the positions its file stores, and reads top to bottom', async (file) => {
    const { page } = await openApp(browser);
    await page.locator('[data-testid=examples]').click();
    await page.locator(`[data-testid=gallery] .card[data-file="${file}"]`).click();
    await settled(page);
    expect(positions(await graphOf(page))).toEqual(positions(example(file)));
    expect(layoutProblems(await drawnLayout(page))).toEqual([]);
  });

  test('the stored positions are what auto-arrange makes of each example', async () => {
    const { page } = await openApp(browser);
    for (const file of exampleFiles) {
      await openDocument(page, example(file));
      await page.locator('[data-testid=arrange]').click();
      await settled(page);
      expect(positions(await graphOf(page)), file).toEqual(positions(example(file)));
    }
  });
});

describe('a deep model', () => {
  test('30 layers with skip connections are arranged on load: skips run beside the layers they pass, and it opens at its inputs at a readable zoom', async () => {
    const { page, errors } = await openApp(browser);
    const stack = residualStack(6);
    expect(stack.nodes.length).toBe(28);
    await openDocument(page, stack);
    const layout = await drawnLayout(page);
    expect(layoutProblems(layout)).toEqual([]);
    expect(layout.zoom).toBeGreaterThanOrEqual(0.75);
    const canvas = (await page.locator('layerwire-editor').boundingBox())!;
    expect(layout.nodes.image!.top).toBeGreaterThan(canvas.y);
    expect(layout.nodes.image!.top).toBeLessThan(canvas.y + 80);
    // The trunk is one column; each skip bends out of it and back.
    const trunk = ['stem', 'b0_conv1', 'b0_bn', 'b0_conv2', 'b5_conv2'].map((id) => layout.nodes[id]!.left);
    expect(Math.max(...trunk) - Math.min(...trunk), trunk.join(' ')).toBeLessThan(1);
    const skip = layout.wires.find((w) => w.from === 'b0_add' && w.to === 'b1_add')!;
    expect(Math.max(...skip.points.map((p) => p.x))).toBeGreaterThan(layout.nodes.b1_conv1!.right);

    // Undo puts the piled-up positions back (arranging was part of opening), redo arranges again.
    await page.keyboard.press(`${mod}+z`);
    await settled(page);
    expect((await graphOf(page)).name).toBe('seed_cnn');
    expect(errors).toEqual([]);
  });

  test('moving layers out of a skip connection\'s way lets it straighten; undo bends it around them again', async () => {
    const { page } = await openApp(browser);
    await openDocument(page, residualStack(1));
    const skipOf = async () => (await drawnLayout(page)).wires.find((w) => w.from === 'stem' && w.to === 'b0_add')!;
    const rightmost = async () => Math.max(...(await skipOf()).points.map((p) => p.x));
    const bent = await rightmost();
    const passed = ['b0_conv1', 'b0_bn', 'b0_conv2'];
    for (const id of passed) {
      const box = (await node(page, id).boundingBox())!;
      await page.mouse.move(box.x + 60, box.y + 12);
      await page.mouse.down();
      await page.mouse.move(box.x - 420, box.y + 12, { steps: 8 });
      await page.mouse.up();
      await settled(page);
    }
    expect(await rightmost()).toBeLessThan(bent - 40);
    expect(layoutProblems(await drawnLayout(page))).toEqual([]);

    for (const _ of passed) {
      await page.keyboard.press(`${mod}+z`);
      await settled(page);
    }
    expect(Math.abs((await rightmost()) - bent)).toBeLessThan(1);
    expect(layoutProblems(await drawnLayout(page))).toEqual([]);
  });
});
