import type { AnyLayerDefinition } from '../definition';
import { Dense } from './dense';
import { Input } from './input';
import { Rescaling } from './rescaling';

export const coreLayers: AnyLayerDefinition[] = [Input, Dense, Rescaling];
