/**
 * What the canvas shows of a check (src/editor/annotations.ts). Annotations are
 * worked out from remembered parts (formatted outputs per report, summaries per
 * params object), so after any edit they must equal those of a fresh check of
 * the edited document; and whether a node must be drawn again is decided field
 * by field, which must agree with comparing the annotations as JSON.
 */
import { describe, expect, test } from 'vitest';
import { checkGraph, recheckGraph } from '../compiler/check';
import { annotateGraph, sameAnnotation } from '../src/editor/annotations';
import type { NodeAnnotation } from '../src/editor/view-model';
import type { GraphDocument } from '../schemas/graph';
import { shapeChain } from '../bench/editor';

const setParams = (document: GraphDocument, id: string, params: Record<string, unknown>): GraphDocument => ({
  ...document,
  nodes: document.nodes.map((n) => (n.id === id ? { ...n, params: { ...n.params, ...params } } : n)),
});

describe('annotateGraph after edits', () => {
  test.each([
    ['a shape that reaches every node', 'n1', { units: 65 }],
    ['one node, no shape change', 'n3', { rate: 0.25 }],
    ['one node made invalid', 'n1', { units: -3 }],
  ])('%s: the same as annotating a fresh check', (_, id, params) => {
    const before = shapeChain(60);
    const beforeCheck = checkGraph(before);
    annotateGraph(before, beforeCheck); // fills what later calls remember
    const after = setParams(before, id, params);
    const incremental = annotateGraph(after, recheckGraph(beforeCheck, after));
    const fresh = annotateGraph(structuredClone(after), checkGraph(structuredClone(after)));
    expect([...incremental.nodes]).toEqual([...fresh.nodes]);
    for (const edge of after.edges) expect(incremental.wire(edge)).toEqual(fresh.wire(edge));
  });

  test('the shapes it shows are the checker’s, formatted', () => {
    const document = setParams(shapeChain(12), 'n1', { units: 65 });
    const { nodes } = annotateGraph(document, checkGraph(document));
    expect(nodes.get('n0')!.outputs).toEqual([{ port: 'out', shape: '[?, 16]' }]);
    for (const node of document.nodes.slice(1)) expect(nodes.get(node.id)!.outputs).toEqual([{ port: 'out', shape: '[?, 65]' }]);
    expect(nodes.get('n3')!.summary).toBe('rate 0.1');
  });

  test('a node an edit left alone keeps the very outputs it showed (nothing formatted again)', () => {
    const before = shapeChain(40);
    const check = checkGraph(before);
    const first = annotateGraph(before, check);
    const after = setParams(before, 'n21', { rate: 0.3 });
    const second = annotateGraph(after, recheckGraph(check, after));
    expect(second.nodes.get('n5')!.outputs).toBe(first.nodes.get('n5')!.outputs);
    expect(second.nodes.get('n21')!.summary).toBe('rate 0.3');
  });
});

describe('sameAnnotation agrees with comparing the annotations as JSON', () => {
  const base: NodeAnnotation = {
    outputs: [{ port: 'out', shape: '[?, 64]' }],
    params: 4160,
    flops: 8192,
    problems: [{ severity: 'warning', message: 'check this', port: 'in', translations: { 'zh-CN': { message: '检查' } } }],
    summary: 'units 64',
  };
  const variants: [string, NodeAnnotation][] = [
    ['a copy', structuredClone(base)],
    ['another shape', { ...base, outputs: [{ port: 'out', shape: '[?, 65]' }] }],
    ['a shape gone', { ...base, outputs: [{ port: 'out' }] }],
    ['another port', { ...base, outputs: [{ port: 'stateH', shape: '[?, 64]' }] }],
    ['one more output', { ...base, outputs: [...base.outputs, { port: 'stateH', shape: '[?, 64]' }] }],
    ['other params', { ...base, params: 4225 }],
    ['params unknown', { ...base, params: null }],
    ['other flops', { ...base, flops: 1 }],
    ['other summary', { ...base, summary: 'units 65' }],
    ['no problems', { ...base, problems: [] }],
    ['an error instead', { ...base, problems: [{ ...base.problems[0]!, severity: 'error' }] }],
    ['another message', { ...base, problems: [{ ...base.problems[0]!, message: 'else' }] }],
    ['another port blamed', { ...base, problems: [{ ...base.problems[0]!, port: 'in1' }] }],
    ['another translation', { ...base, problems: [{ ...base.problems[0]!, translations: { 'zh-CN': { message: '别的' } } }] }],
    ['shares weights', { ...base, sharesWith: 'dense_1' }],
    ['a cost', { ...base, cost: { heat: 0.5, label: '1.00 ms · 50%' } }],
  ];
  test.each(variants)('%s', (_, other) => {
    expect(sameAnnotation(base, other)).toBe(JSON.stringify(base) === JSON.stringify(other));
    expect(sameAnnotation(other, base)).toBe(JSON.stringify(base) === JSON.stringify(other));
  });
  test('costs compared by what they show', () => {
    const hot = { ...base, cost: { heat: 0.5, label: '1.00 ms · 50%' } };
    expect(sameAnnotation(hot, { ...base, cost: { heat: 0.5, label: '1.00 ms · 50%' } })).toBe(true);
    expect(sameAnnotation(hot, { ...base, cost: { heat: 0.6, label: '1.00 ms · 50%' } })).toBe(false);
    expect(sameAnnotation(hot, { ...base, cost: { heat: 0.5, label: '2.00 ms · 50%' } })).toBe(false);
  });
});
