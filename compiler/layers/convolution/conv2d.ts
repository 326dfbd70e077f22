import { convolutionLayer } from './convolution-layer';

export const Conv2D = convolutionLayer(
  'Conv2D',
  2,
  'conv2d',
  'Slides learned filters over an image: [batch, height, width, channels] → [batch, newHeight, newWidth, filters].',
);
