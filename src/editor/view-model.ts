import { ClassicPreset, type GetSchemes } from 'rete';
import type { Edge } from '../../schemas/graph';
import type { Diagnostic } from '../../compiler/diagnostics';

/**
 * What Rete holds: views of the document's nodes and edges, annotated with
 * what the checker found. They carry no model state of their own; the
 * adapter rebuilds them from the document after every edit.
 */

export const tensorSocket = new ClassicPreset.Socket('tensor');

export type Severity = 'error' | 'warning';

export interface NodeAnnotation {
  /** Output shapes by port, formatted (`[?, 62, 62, 32]`); missing where unknown. */
  outputs: { port: string; shape?: string }[];
  params: number | null;
  flops: number | null;
  /** `message` in English; `translations` lets the node show the editor's language. */
  problems: { severity: Severity; message: string; port?: string; translations?: Diagnostic['translations'] }[];
  /** Parameters the document sets, compactly: `filters 32 · kernelSize 3×3`. */
  summary: string;
  /** For a node that calls another node's layer (`sharesWeightsWith`): that node's name. */
  sharesWith?: string;
  /** The cost overlay's view of this node, when one is shown. */
  cost?: NodeCost;
}

/** One node's part in the cost the canvas shows as a heat overlay (time, memory or FLOPs). */
export interface NodeCost {
  /** How hot to draw it, 0–1: its cost over the costliest node's, so the hottest node is always full. */
  heat: number;
  /** Its cost and share of the model's, as the node shows it: `2.10 ms · 34%`. */
  label: string;
}

/** The heat overlay: by top-level node id; nodes missing from it are not tinted. */
export type CostOverlay = ReadonlyMap<string, NodeCost>;

export const emptyAnnotation = (): NodeAnnotation => ({ outputs: [], params: null, flops: null, problems: [], summary: '' });

/**
 * Fixed geometry, so that nodes never change size under the pointer and
 * sockets sit where the layout says. The graph flows downwards, as Keras's
 * `plot_model` and Netron draw it: inputs on a node's top edge, outputs on
 * its bottom edge, several of them side by side with their names in a strip.
 */
export const NODE_LAYOUT = {
  width: 252,
  /** The strip that names the ports of a merge (`in0 in1`) or of a layer with several outputs. */
  ports: 20,
  head: 32,
  summary: 30,
  foot: 26,
} as const;

/** Spacing of the downward flow: between stacked layers (room for a wire's shape label) and between neighbours. */
export const FLOW = {
  layerGap: 52,
  siblingGap: 44,
} as const;

export function nodeHeight(inputs: number, outputs: number): number {
  return (inputs > 1 ? NODE_LAYOUT.ports : 0) + NODE_LAYOUT.head + NODE_LAYOUT.summary + NODE_LAYOUT.foot + (outputs > 1 ? NODE_LAYOUT.ports : 0);
}

/**
 * Where the i-th of n sockets sits along a node's edge. The first (`in`,
 * `in0`, `out`) is in the middle, on the line a chain runs straight down;
 * the others follow to its right, in order, so that a merge's first input
 * continues the trunk and a skip connection or second branch comes in from
 * the side (a stack of residual blocks stays one straight column).
 */
export function socketX(index: number, count: number, width: number = NODE_LAYOUT.width): number {
  const middle = width / 2;
  return Math.round(index === 0 ? middle : middle + index * socketStep(count, width));
}

/** The distance between neighbouring sockets of a node with `count` on one edge. */
export const socketStep = (count: number, width: number = NODE_LAYOUT.width) => (count <= 1 ? 0 : Math.min(56, (width / 2 - 32) / (count - 1)));

export class LayerNodeView extends ClassicPreset.Node<Record<string, ClassicPreset.Socket>, Record<string, ClassicPreset.Socket>> {
  width: number = NODE_LAYOUT.width;
  height: number = nodeHeight(1, 1);
  kind: string;
  category: string | undefined;
  displayName: string;
  annotation: NodeAnnotation = emptyAnnotation();
  /** Input and output port names: when they change, the view is rebuilt rather than patched. */
  signature = '';
  spareInput: string | undefined;
  /**
   * Drawn as a plain box of the node's size until it first comes near the
   * canvas (the graph view decides, see GraphView.drawNearScreen): a large
   * graph opens at a readable zoom, so most of its nodes are out of view, and
   * building each one's content is most of what loading costs.
   */
  deferred = false;
  inputOrder: string[] = [];
  outputOrder: string[] = [];

  constructor(id: string, kind: string, category: string | undefined, displayName: string) {
    super(displayName);
    this.id = id;
    this.kind = kind;
    this.category = category;
    this.displayName = displayName;
  }

  setPorts(inputs: string[], outputs: string[], spare: string | undefined): void {
    for (const key of Object.keys(this.inputs)) this.removeInput(key);
    for (const key of Object.keys(this.outputs)) this.removeOutput(key);
    inputs.forEach((port, index) => {
      const input = new ClassicPreset.Input(tensorSocket, port, false);
      input.index = index;
      this.addInput(port, input);
    });
    outputs.forEach((port, index) => {
      const output = new ClassicPreset.Output(tensorSocket, port, true);
      output.index = index;
      this.addOutput(port, output);
    });
    this.inputOrder = inputs;
    this.outputOrder = outputs;
    this.spareInput = spare;
    this.signature = portSignature(inputs, outputs);
    this.height = nodeHeight(inputs.length, outputs.length);
  }

  /** Where a socket's centre sits, relative to the node's top-left corner: inputs on the top edge, outputs on the bottom. */
  socketOffset(side: 'input' | 'output', key: string): { x: number; y: number } | null {
    const order = side === 'input' ? this.inputOrder : this.outputOrder;
    const index = order.indexOf(key);
    if (index < 0) return null;
    return { x: socketX(index, order.length, this.width), y: side === 'input' ? 0 : this.height };
  }
}

export const portSignature = (inputs: string[], outputs: string[]) => `${inputs.join(',')}|${outputs.join(',')}`;

export class WireView extends ClassicPreset.Connection<LayerNodeView, LayerNodeView> {
  /** The tensor shape the wire carries, formatted; empty when unknown. */
  label = '';
  status: 'ok' | 'error' = 'ok';
  selected = false;
  /** Being dragged off its input: drawn faded until the gesture ends. */
  detaching = false;
  /** Where the shape label sits: on the wire, in the gap just above the layer it feeds. */
  labelAt: { x: number; y: number } | null = null;
  readonly edge: Edge;

  constructor(source: LayerNodeView, target: LayerNodeView, edge: Edge, id: string) {
    super(source, edge.from.port, target, edge.to.port);
    this.id = id;
    this.edge = edge;
  }
}

export type Schemes = GetSchemes<LayerNodeView, WireView>;
