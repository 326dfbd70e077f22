import type { AnyLayerDefinition } from '../definition';
import { BatchNormalization } from './batch-normalization';
import { LayerNormalization } from './layer-normalization';

export const normalizationLayers: AnyLayerDefinition[] = [BatchNormalization, LayerNormalization];
