import type { AnyLayerDefinition } from '../definition';
import { Activation } from './activation';
import { ELU } from './elu';
import { LeakyReLU } from './leaky-relu';
import { PReLU } from './prelu';
import { ReLU } from './relu';
import { Softmax } from './softmax';
import { ThresholdedReLU } from './thresholded-relu';

export const activationLayers: AnyLayerDefinition[] = [Activation, ReLU, LeakyReLU, PReLU, ELU, ThresholdedReLU, Softmax];
