/**
 * The training schema's field descriptions in Simplified Chinese, by path
 * (`dataset.samples`), typed against the schema so a renamed field does not
 * compile; test/layer-text-zh.test.ts checks every described field has one.
 */
import type { TrainingConfig } from './training';

type KeysOf<T> = T extends unknown ? keyof T & string : never;
/** `optimizer`, `optimizer.learningRate`, `dataset.name`…: a field and, one level down, the fields of an object (or of each variant). */
type FieldPath<T> = {
  [K in keyof T & string]: K | (NonNullable<T[K]> extends readonly unknown[] ? never : NonNullable<T[K]> extends object ? `${K}.${KeysOf<NonNullable<T[K]>>}` : never);
}[keyof T & string];
export type TrainingFieldPath = FieldPath<TrainingConfig>;

export const TRAINING_TEXT_ZH: { [P in TrainingFieldPath]?: string } = {
  'optimizer.learningRate': '每次更新的步长：太大会发散，太小学得慢',
  'optimizer.beta1': '梯度滑动平均的衰减率',
  'optimizer.beta2': '梯度平方滑动平均的衰减率',
  'optimizer.epsilon': '加在分母上以保证数值稳定的小常数（留空时用 tfjs 的默认值）',
  'optimizer.momentum': '上一次更新带入下一次更新的比例',
  'optimizer.useNesterov': 'Nesterov 动量：在动量步落点处计算梯度',
  'optimizer.decay': '梯度平方滑动平均的衰减率',
  'optimizer.rho': '梯度平方与更新量平方滑动平均的衰减率',
  dataset: '模型默认使用的训练数据集（`layerwire train` 和训练面板都会用它）',
  'dataset.name': '内置数据集的名称（见 runtime/datasets；`layerwire help` 会列出全部）',
  'dataset.samples': '生成的样本数；留空时使用该数据集自己的默认值',
};
