import type { AnyLayerDefinition } from '../definition';
import { AttentionPooling } from './attention-pooling';

export const attentionLayers: AnyLayerDefinition[] = [AttentionPooling];
