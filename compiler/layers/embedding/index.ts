import type { AnyLayerDefinition } from '../definition';
import { Embedding } from './embedding';
import { Masking } from './masking';

export const embeddingLayers: AnyLayerDefinition[] = [Embedding, Masking];
