import type { AnyLayerDefinition } from '../definition';
import { AveragePooling1D } from './average-pooling1d';
import { AveragePooling2D } from './average-pooling2d';
import { AveragePooling3D } from './average-pooling3d';
import { GlobalAveragePooling1D } from './global-average-pooling1d';
import { GlobalAveragePooling2D } from './global-average-pooling2d';
import { GlobalMaxPooling1D } from './global-max-pooling1d';
import { GlobalMaxPooling2D } from './global-max-pooling2d';
import { MaxPooling1D } from './max-pooling1d';
import { MaxPooling2D } from './max-pooling2d';
import { MaxPooling3D } from './max-pooling3d';

export const poolingLayers: AnyLayerDefinition[] = [
  MaxPooling1D,
  MaxPooling2D,
  MaxPooling3D,
  AveragePooling1D,
  AveragePooling2D,
  AveragePooling3D,
  GlobalMaxPooling1D,
  GlobalMaxPooling2D,
  GlobalAveragePooling1D,
  GlobalAveragePooling2D,
];
