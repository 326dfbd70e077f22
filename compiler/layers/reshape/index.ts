import type { AnyLayerDefinition } from '../definition';
import { Flatten } from './flatten';
import { Permute } from './permute';
import { RepeatVector } from './repeat-vector';
import { Reshape } from './reshape';

export const reshapeLayers: AnyLayerDefinition[] = [Flatten, Reshape, Permute, RepeatVector];
