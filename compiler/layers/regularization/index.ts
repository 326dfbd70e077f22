import type { AnyLayerDefinition } from '../definition';
import { AlphaDropout } from './alpha-dropout';
import { Dropout } from './dropout';
import { GaussianDropout } from './gaussian-dropout';
import { GaussianNoise } from './gaussian-noise';
import { SpatialDropout1D } from './spatial-dropout1d';

export const regularizationLayers: AnyLayerDefinition[] = [Dropout, SpatialDropout1D, GaussianDropout, GaussianNoise, AlphaDropout];
