import type { AnyLayerDefinition } from '../definition';
import { Concatenate } from './concatenate';

export const mergeLayers: AnyLayerDefinition[] = [Concatenate];
