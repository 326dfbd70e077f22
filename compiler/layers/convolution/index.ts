import type { AnyLayerDefinition } from '../definition';
import { Conv1D } from './conv1d';
import { Conv2D } from './conv2d';
import { Conv2DTranspose } from './conv2d-transpose';
import { Conv3D } from './conv3d';
import { Cropping2D } from './cropping2d';
import { DepthwiseConv2D } from './depthwise-conv2d';
import { SeparableConv2D } from './separable-conv2d';
import { UpSampling2D } from './up-sampling2d';
import { ZeroPadding2D } from './zero-padding2d';

export const convolutionLayers: AnyLayerDefinition[] = [
  Conv1D,
  Conv2D,
  Conv3D,
  Conv2DTranspose,
  SeparableConv2D,
  DepthwiseConv2D,
  ZeroPadding2D,
  Cropping2D,
  UpSampling2D,
];
