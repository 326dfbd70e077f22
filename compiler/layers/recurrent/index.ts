import type { AnyLayerDefinition } from '../definition';
import { ConvLSTM2D } from './conv-lstm2d';
import { GRU } from './gru';
import { LSTM } from './lstm';
import { SimpleRNN } from './simple-rnn';

export const recurrentLayers: AnyLayerDefinition[] = [SimpleRNN, GRU, LSTM, ConvLSTM2D];
