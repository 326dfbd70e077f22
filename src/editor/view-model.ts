import { ClassicPreset, type GetSchemes } from 'rete';
import type { Edge } from '../../schemas/graph';

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
  problems: { severity: Severity; message: string; port?: string }[];
  /** Parameters the document sets, compactly: `filters 32 · kernelSize 3×3`. */
  summary: string;
}

export const emptyAnnotation = (): NodeAnnotation => ({ outputs: [], params: null, flops: null, problems: [], summary: '' });

/** Fixed geometry, so that nodes never change size under the pointer and sockets sit where the layout says. */
export const NODE_LAYOUT = {
  width: 236,
  head: 38,
  row: 24,
  rowsTop: 6,
  summary: 22,
  foot: 30,
} as const;

export function nodeHeight(rows: number): number {
  return NODE_LAYOUT.head + NODE_LAYOUT.rowsTop + Math.max(rows, 1) * NODE_LAYOUT.row + NODE_LAYOUT.summary + NODE_LAYOUT.foot;
}

export class LayerNodeView extends ClassicPreset.Node<Record<string, ClassicPreset.Socket>, Record<string, ClassicPreset.Socket>> {
  width: number = NODE_LAYOUT.width;
  height: number = nodeHeight(1);
  kind: string;
  category: string | undefined;
  displayName: string;
  annotation: NodeAnnotation = emptyAnnotation();
  /** Input and output port names: when they change, the view is rebuilt rather than patched. */
  signature = '';
  spareInput: string | undefined;
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
    this.height = nodeHeight(Math.max(inputs.length, outputs.length));
  }

  /** Where a socket's centre sits, relative to the node's top-left corner. */
  socketOffset(side: 'input' | 'output', key: string): { x: number; y: number } | null {
    const index = (side === 'input' ? this.inputOrder : this.outputOrder).indexOf(key);
    if (index < 0) return null;
    return {
      x: side === 'input' ? 0 : this.width,
      y: NODE_LAYOUT.head + NODE_LAYOUT.rowsTop + index * NODE_LAYOUT.row + NODE_LAYOUT.row / 2,
    };
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
  readonly edge: Edge;

  constructor(source: LayerNodeView, target: LayerNodeView, edge: Edge, id: string) {
    super(source, edge.from.port, target, edge.to.port);
    this.id = id;
    this.edge = edge;
  }
}

export type Schemes = GetSchemes<LayerNodeView, WireView>;
