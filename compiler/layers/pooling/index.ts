import type { AnyLayerDefinition } from '../definition';
import { MaxPooling2D } from './max-pooling2d';

export const poolingLayers: AnyLayerDefinition[] = [MaxPooling2D];
