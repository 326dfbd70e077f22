import { convolutionLayer } from './convolution-layer';

export const Conv3D = convolutionLayer(
  'Conv3D',
  3,
  'conv3d',
  'Slides learned filters through a volume or video: [batch, depth, height, width, channels] → [batch, newDepth, newHeight, newWidth, filters].',
);
