import { z } from 'zod';
import { TrainingConfig } from './training';
import { Budget } from './budget';

export const GRAPH_FORMAT = 'layerwire.graph';
export const GRAPH_VERSION = 1;

const Identifier = z.string().min(1, 'must not be empty').max(200, 'at most 200 characters');

/** One end of an edge: a node and one of its ports (`out`, `in`, `in0`, `in1`…). */
export const PortRef = z.strictObject({
  node: Identifier.describe('id of the node'),
  port: Identifier.describe('name of the port on that node'),
});
export type PortRef = z.infer<typeof PortRef>;

export const Edge = z.strictObject({
  from: PortRef.describe('the producing node and its output port'),
  to: PortRef.describe('the consuming node and its input port'),
});
export type Edge = z.infer<typeof Edge>;

/**
 * A trained tensor carried by the document, in the layout tfjs's
 * `layer.getWeights()` returns (and Keras's `get_weights()`), little-endian,
 * base64-encoded.
 */
export const WeightTensor = z.strictObject({
  name: z.string().describe('weight name without the layer prefix, e.g. "kernel"'),
  shape: z.array(z.number().int().nonnegative()),
  dtype: z.enum(['float32', 'int32']).default('float32'),
  data: z.string().describe('base64 of the little-endian values'),
});
export type WeightTensor = z.infer<typeof WeightTensor>;

export const GraphNode = z.strictObject({
  id: Identifier.describe('stable id, unique in its graph; edges refer to it'),
  type: Identifier.describe('layer kind, the tfjs class name (Dense, Conv2D, …) or Block'),
  name: z.string().max(200).optional().describe('display and layer name; defaults to the id'),
  params: z.record(z.string(), z.unknown()).default({}).describe('layer parameters, named as in tfjs-layers'),
  position: z.strictObject({ x: z.number(), y: z.number() }).default({ x: 0, y: 0 }),
  weights: z.array(WeightTensor).optional(),
  sharesWeightsWith: Identifier.optional().describe(
    'call the same layer as node X: one set of weights, applied here too. X is a node of the same graph (or block body) with the same type (for Block nodes the same params.block) and owns the weights; this node\'s params are left empty or equal X\'s, and it carries no weights of its own',
  ),
  /** Config of a layer kind Layerwire does not know, kept verbatim so nothing is lost on import. */
  opaque: z.strictObject({ className: z.string(), config: z.record(z.string(), z.unknown()) }).optional(),
});
export type GraphNode = z.infer<typeof GraphNode>;

/**
 * A named group of nodes defined once and used by `Block` nodes
 * (`params.block` = the block's key). Its inputs are its Input nodes in the
 * order of `inputs`; its outputs are the listed ports.
 */
export const BlockDefinition = z.strictObject({
  name: z.string().optional(),
  nodes: z.array(GraphNode),
  edges: z.array(Edge).default([]),
  inputs: z.array(Identifier).describe('ids of the Input nodes, in call order'),
  outputs: z.array(PortRef).min(1, 'a block needs at least one output'),
});
export type BlockDefinition = z.infer<typeof BlockDefinition>;

export const GraphDocument = z.strictObject({
  format: z.literal(GRAPH_FORMAT),
  version: z.literal(GRAPH_VERSION),
  name: z.string().default('model'),
  description: z.string().optional(),
  nodes: z.array(GraphNode),
  edges: z.array(Edge).default([]),
  outputs: z.array(PortRef).optional().describe('model outputs in order; defaults to every unconnected output'),
  blocks: z.record(z.string(), BlockDefinition).default({}),
  training: TrainingConfig.optional(),
  budget: Budget.optional().describe('size and FLOPs limits the checker warns past; its defaults apply when left out'),
});
export type GraphDocument = z.infer<typeof GraphDocument>;
/** What a person may write: defaults may be left out. */
export type GraphDocumentInput = z.input<typeof GraphDocument>;
