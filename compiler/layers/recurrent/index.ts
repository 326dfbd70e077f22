import type { AnyLayerDefinition } from '../definition';
import { LSTM } from './lstm';

export const recurrentLayers: AnyLayerDefinition[] = [LSTM];
