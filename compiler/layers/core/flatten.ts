import { z } from 'zod';
import { DataFormat } from '../common';
import { defineLayer, shapes } from '../definition';
import { knownProduct } from '../../shapes';

export const Flatten = defineLayer({
  kind: 'Flatten',
  category: 'Reshape',
  help: 'Flattens each sample into one vector, e.g. [?, 31, 31, 32] → [?, 30752], so that Dense can follow a convolution.',
  params: z.strictObject({
    dataFormat: DataFormat.default('channelsLast'),
  }),
  inputs: { kind: 'fixed', ports: [{ name: 'in', minRank: 3 }] },
  inferShape: ({ inputs: [input] }) => shapes([input![0]!, knownProduct(input!.slice(1))]),
  tfjs: { factory: 'flatten', config: (p) => ({ dataFormat: p.dataFormat }) },
});
