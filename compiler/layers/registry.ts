import type { AnyLayerDefinition, Category } from './definition';
import { coreLayers } from './core';
import { convolutionLayers } from './convolution';
import { poolingLayers } from './pooling';
import { recurrentLayers } from './recurrent';
import { attentionLayers } from './attention';
import { mergeLayers } from './merge';
import { regularizationLayers } from './regularization';
import { reshapeLayers } from './reshape';
import { activationLayers } from './activations';
import { normalizationLayers } from './normalization';
import { embeddingLayers } from './embedding';
import { wrapperLayers } from './wrappers';

/** Every layer kind Layerwire knows, one explicit list. Adding a layer: one file and one line in its family's index. */
export const layerDefinitions: readonly AnyLayerDefinition[] = [
  ...coreLayers,
  ...convolutionLayers,
  ...poolingLayers,
  ...recurrentLayers,
  ...attentionLayers,
  ...mergeLayers,
  ...regularizationLayers,
  ...reshapeLayers,
  ...activationLayers,
  ...normalizationLayers,
  ...embeddingLayers,
  ...wrapperLayers,
];

const byKind = new Map(layerDefinitions.map((d) => [d.kind, d]));
if (byKind.size !== layerDefinitions.length) throw new Error('two layer definitions share a kind');

export function findLayer(kind: string): AnyLayerDefinition | undefined {
  return byKind.get(kind);
}

export function layersInCategory(category: Category): AnyLayerDefinition[] {
  return layerDefinitions.filter((d) => d.category === category);
}
