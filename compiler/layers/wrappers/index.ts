import type { AnyLayerDefinition } from '../definition';
import { Bidirectional } from './bidirectional';
import { TimeDistributed } from './time-distributed';

/** Layers that hold another layer. They look it up in the registry, which lists them: reach them through the registry. */
export const wrapperLayers: AnyLayerDefinition[] = [Bidirectional, TimeDistributed];
