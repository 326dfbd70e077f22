import type { AnyLayerDefinition } from '../definition';
import { Activation } from './activation';
import { Dense } from './dense';
import { Dropout } from './dropout';
import { Flatten } from './flatten';
import { Input } from './input';

export const coreLayers: AnyLayerDefinition[] = [Input, Dense, Activation, Dropout, Flatten];
