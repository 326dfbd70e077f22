import type { AnyLayerDefinition } from '../definition';
import { Add } from './add';
import { Average } from './average';
import { Concatenate } from './concatenate';
import { Dot } from './dot';
import { Maximum } from './maximum';
import { Minimum } from './minimum';
import { Multiply } from './multiply';

export const mergeLayers: AnyLayerDefinition[] = [Concatenate, Add, Multiply, Average, Maximum, Minimum, Dot];
