import type { AnyLayerDefinition } from '../definition';
import { Conv2D } from './conv2d';

export const convolutionLayers: AnyLayerDefinition[] = [Conv2D];
