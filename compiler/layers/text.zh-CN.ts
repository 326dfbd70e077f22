/**
 * Every layer's help and parameter descriptions in Simplified Chinese. The
 * English originals stay in each definition (its `help` and the params'
 * `.describe(...)`); this is their translation, kept next to the registry like
 * the diagnostics' `messageZh`, so the editor and the CLI can both show it.
 *
 * Types keep it in step with the definitions: a kind listed in `Definitions`
 * but missing here, or a parameter that its schema does not have, does not
 * compile. test/layer-text-zh.test.ts checks the rest against the registry:
 * every kind, every described parameter, no stale entry.
 */
import type { z } from 'zod';
import type { LayerDefinition } from './definition';
import type { Activation } from './activations/activation';
import type { ELU } from './activations/elu';
import type { LeakyReLU } from './activations/leaky-relu';
import type { PReLU } from './activations/prelu';
import type { ReLU } from './activations/relu';
import type { Softmax } from './activations/softmax';
import type { ThresholdedReLU } from './activations/thresholded-relu';
import type { AttentionPooling } from './attention/attention-pooling';
import type { Conv1D } from './convolution/conv1d';
import type { Conv2DTranspose } from './convolution/conv2d-transpose';
import type { Conv2D } from './convolution/conv2d';
import type { Conv3D } from './convolution/conv3d';
import type { Cropping2D } from './convolution/cropping2d';
import type { DepthwiseConv2D } from './convolution/depthwise-conv2d';
import type { SeparableConv2D } from './convolution/separable-conv2d';
import type { UpSampling2D } from './convolution/up-sampling2d';
import type { ZeroPadding2D } from './convolution/zero-padding2d';
import type { Dense } from './core/dense';
import type { Input } from './core/input';
import type { Rescaling } from './core/rescaling';
import type { Embedding } from './embedding/embedding';
import type { Masking } from './embedding/masking';
import type { Add } from './merge/add';
import type { Average } from './merge/average';
import type { Concatenate } from './merge/concatenate';
import type { Dot } from './merge/dot';
import type { Maximum } from './merge/maximum';
import type { Minimum } from './merge/minimum';
import type { Multiply } from './merge/multiply';
import type { BatchNormalization } from './normalization/batch-normalization';
import type { LayerNormalization } from './normalization/layer-normalization';
import type { AveragePooling1D } from './pooling/average-pooling1d';
import type { AveragePooling2D } from './pooling/average-pooling2d';
import type { AveragePooling3D } from './pooling/average-pooling3d';
import type { GlobalAveragePooling1D } from './pooling/global-average-pooling1d';
import type { GlobalAveragePooling2D } from './pooling/global-average-pooling2d';
import type { GlobalMaxPooling1D } from './pooling/global-max-pooling1d';
import type { GlobalMaxPooling2D } from './pooling/global-max-pooling2d';
import type { MaxPooling1D } from './pooling/max-pooling1d';
import type { MaxPooling2D } from './pooling/max-pooling2d';
import type { MaxPooling3D } from './pooling/max-pooling3d';
import type { ConvLSTM2D } from './recurrent/conv-lstm2d';
import type { GRU } from './recurrent/gru';
import type { LSTM } from './recurrent/lstm';
import type { SimpleRNN } from './recurrent/simple-rnn';
import type { AlphaDropout } from './regularization/alpha-dropout';
import type { Dropout } from './regularization/dropout';
import type { GaussianDropout } from './regularization/gaussian-dropout';
import type { GaussianNoise } from './regularization/gaussian-noise';
import type { SpatialDropout1D } from './regularization/spatial-dropout1d';
import type { Flatten } from './reshape/flatten';
import type { Permute } from './reshape/permute';
import type { RepeatVector } from './reshape/repeat-vector';
import type { Reshape } from './reshape/reshape';
import type { Bidirectional } from './wrappers/bidirectional';
import type { TimeDistributed } from './wrappers/time-distributed';

/** Each layer kind's definition, by kind: what the catalog below must cover. */
interface Definitions {
  Input: typeof Input;
  Dense: typeof Dense;
  Rescaling: typeof Rescaling;
  Conv1D: typeof Conv1D;
  Conv2D: typeof Conv2D;
  Conv3D: typeof Conv3D;
  Conv2DTranspose: typeof Conv2DTranspose;
  SeparableConv2D: typeof SeparableConv2D;
  DepthwiseConv2D: typeof DepthwiseConv2D;
  ZeroPadding2D: typeof ZeroPadding2D;
  Cropping2D: typeof Cropping2D;
  UpSampling2D: typeof UpSampling2D;
  MaxPooling1D: typeof MaxPooling1D;
  MaxPooling2D: typeof MaxPooling2D;
  MaxPooling3D: typeof MaxPooling3D;
  AveragePooling1D: typeof AveragePooling1D;
  AveragePooling2D: typeof AveragePooling2D;
  AveragePooling3D: typeof AveragePooling3D;
  GlobalMaxPooling1D: typeof GlobalMaxPooling1D;
  GlobalMaxPooling2D: typeof GlobalMaxPooling2D;
  GlobalAveragePooling1D: typeof GlobalAveragePooling1D;
  GlobalAveragePooling2D: typeof GlobalAveragePooling2D;
  SimpleRNN: typeof SimpleRNN;
  GRU: typeof GRU;
  LSTM: typeof LSTM;
  ConvLSTM2D: typeof ConvLSTM2D;
  AttentionPooling: typeof AttentionPooling;
  Concatenate: typeof Concatenate;
  Add: typeof Add;
  Multiply: typeof Multiply;
  Average: typeof Average;
  Maximum: typeof Maximum;
  Minimum: typeof Minimum;
  Dot: typeof Dot;
  Dropout: typeof Dropout;
  SpatialDropout1D: typeof SpatialDropout1D;
  GaussianDropout: typeof GaussianDropout;
  GaussianNoise: typeof GaussianNoise;
  AlphaDropout: typeof AlphaDropout;
  Flatten: typeof Flatten;
  Reshape: typeof Reshape;
  Permute: typeof Permute;
  RepeatVector: typeof RepeatVector;
  Activation: typeof Activation;
  ReLU: typeof ReLU;
  LeakyReLU: typeof LeakyReLU;
  PReLU: typeof PReLU;
  ELU: typeof ELU;
  ThresholdedReLU: typeof ThresholdedReLU;
  Softmax: typeof Softmax;
  BatchNormalization: typeof BatchNormalization;
  LayerNormalization: typeof LayerNormalization;
  Embedding: typeof Embedding;
  Masking: typeof Masking;
  Bidirectional: typeof Bidirectional;
  TimeDistributed: typeof TimeDistributed;
}

export type LayerKindZh = keyof Definitions;
type ParamsOf<D> = D extends LayerDefinition<infer S extends z.ZodObject> ? keyof S['shape'] & string : never;
export type ParamNameZh = { [K in LayerKindZh]: ParamsOf<Definitions[K]> }[LayerKindZh];

interface LayerTextZh<D> {
  help: string;
  /** Where this kind's parameter means something other than the shared text says. */
  params?: { [P in ParamsOf<D>]?: string };
}

/**
 * A parameter's description, by name, for every kind whose English says the
 * same thing; the test checks that kinds which share one also share the English.
 */
export const SHARED_PARAMS_ZH: { [P in ParamNameZh]?: string } = {
  activation: '作用于输出的激活函数',
  biasInitializer: 'bias 的初始化方式',
  betaInitializer: '偏移量（beta）的初始化方式',
  gammaInitializer: '缩放系数（gamma）的初始化方式',
  center: '学习一个在归一化之后加上的偏移量（beta）',
  scale: '学习一个在归一化之后乘上的缩放系数（gamma）',
  dataFormat: '通道轴的位置：在最后（[batch, h, w, c]）或在最前（[batch, c, h, w]）',
  dilationRate: '卷积核采样点之间的间隔；大于 1 时不增加权重即可扩大感受野（要求 strides 为 1）',
  dropout: '训练时对输入施加的 dropout 比例',
  recurrentDropout: '训练时对循环状态施加的 dropout 比例',
  epsilon: '加到方差上的小常数，避免除以零',
  filters: '输出通道数（卷积核个数）',
  goBackwards: '反向读取序列',
  kernelInitializer: 'kernel 的初始化方式（tfjs 默认 glorotNormal）',
  recurrentInitializer: '循环 kernel 的初始化方式',
  padding: '"valid"：不填充；"same"：填充到 stride 为 1 时尺寸不变',
  recurrentActivation: '各个门的激活函数（tfjs 默认 hardSigmoid，Keras 默认 sigmoid）',
  returnSequences: '输出每个时间步（[batch, timesteps, units]），而不是只输出最后一步',
  returnState: '同时输出最终状态',
  seed: '随机种子，使结果可复现',
  strides: '卷积核在每个轴上的移动步长；大于 1 时输出变小',
  units: '输出单元数',
  useBias: '加上可学习的 bias',
  kernelSize: '每个卷积核的高和宽：一个数表示各轴相同，或每个轴一个数',
  depthwiseInitializer: '深度（depthwise）卷积核的初始化方式',
  poolSize: '池化窗口的高和宽：一个数表示各轴相同，或每个轴一个数',
};

const POOL_STRIDES = '相邻窗口在每个轴上的步长；默认等于 poolSize';
const POOL_1D = { poolSize: '池化窗口的长度：一个数表示各轴相同，或每个轴一个数', strides: POOL_STRIDES };
const POOL_2D = { strides: POOL_STRIDES };
const POOL_3D = { poolSize: '池化窗口的深、高和宽：一个数表示各轴相同，或每个轴一个数', strides: POOL_STRIDES };
const BROADCAST = '形状必须一致，或在大小为 1 的轴上广播';

export const LAYER_TEXT_ZH: { [K in LayerKindZh]: LayerTextZh<Definitions[K]> } = {
  Input: {
    help: '数据进入模型的地方。形状不含 batch 维；给某一维起个名字（如 "timesteps"）即可让它的大小不固定。',
    params: { shape: '单个样本的形状，不含 batch 维', dtype: '输入 Embedding 的 token id 请用 int32' },
  },
  Dense: {
    help: '全连接层：output = activation(input · kernel + bias)，作用于最后一个轴。',
    params: { kernelInitializer: 'kernel 的初始化方式（tfjs 默认 glorotNormal，Keras 默认 glorot_uniform）' },
  },
  Rescaling: {
    help: '把每个值乘以 scale 再加上 offset，例如 scale 取 1/255，把像素从 [0, 255] 映射到 [0, 1]。',
    params: {
      scale: '每个值所乘的系数，例如 0.00392156862745098（即 1/255）',
      offset: '缩放之后加上的值，例如 scale 取 1/127.5 时取 -1，把 [0, 255] 映射到 [-1, 1]',
    },
  },
  Conv1D: {
    help: '让可学习的卷积核沿序列滑动：[batch, steps, channels] → [batch, newSteps, filters]。',
    params: {
      kernelSize: '每个卷积核的长度：一个数表示各轴相同，或每个轴一个数',
      padding: '"valid"：不填充；"same"：stride 为 1 时保持长度不变；"causal"：只在开头填充（tfjs-layers 无法运行）',
    },
  },
  Conv2D: {
    help: '让可学习的卷积核在图像上滑动：[batch, height, width, channels] → [batch, newHeight, newWidth, filters]。',
  },
  Conv3D: {
    help: '让可学习的卷积核在体数据或视频中滑动：[batch, depth, height, width, channels] → [batch, newDepth, newHeight, newWidth, filters]。',
    params: { kernelSize: '每个卷积核的深、高和宽：一个数表示各轴相同，或每个轴一个数' },
  },
  Conv2DTranspose: {
    help: '可学习的上采样，相当于带步长 Conv2D 的逆过程：[batch, height, width, channels] → [batch, height × strides, width × strides, filters]。',
    params: {
      dilationRate: '卷积核采样点之间的间隔；这里 tfjs-layers 只支持 1',
      strides: '每个轴上的上采样倍数：输出约为输入的 strides 倍',
    },
  },
  SeparableConv2D: {
    help: '更省计算的 Conv2D：先对每个输入通道单独卷积（depthwise），再用 1×1 卷积核混合通道（pointwise）。',
    params: {
      depthMultiplier: '每个输入通道的 depthwise 卷积核个数',
      pointwiseInitializer: 'pointwise 卷积核的初始化方式（tfjs-layers 实际改用 depthwiseInitializer）',
    },
  },
  DepthwiseConv2D: {
    help: '对每个输入通道单独卷积，不混合通道：[batch, height, width, channels] → [batch, newHeight, newWidth, channels × depthMultiplier]。',
    params: {
      depthMultiplier: '每个输入通道的卷积核个数；输出有 channels × depthMultiplier 个通道',
      depthwiseInitializer: '深度（depthwise）卷积核的初始化方式（tfjs 默认 glorotNormal）',
      dilationRate: '卷积核采样点之间的间隔；这里 tfjs-layers 只支持 1',
    },
  },
  ZeroPadding2D: {
    help: '在图像四周补上若干行和列的零：[batch, height, width, channels] → [batch, height + top + bottom, width + left + right, channels]。',
    params: { padding: '要补的零：n 表示每条边各补 n，[rows, cols] 表示每个轴两端各补相应数量，或 [[top, bottom], [left, right]]' },
  },
  Cropping2D: {
    help: '从图像边缘裁掉若干行和列：[batch, height, width, channels] → [batch, height − top − bottom, width − left − right, channels]。',
    params: { cropping: '要裁掉的量：n 表示每条边各裁 n，[rows, cols] 表示每个轴两端各裁相应数量，或 [[top, bottom], [left, right]]' },
  },
  UpSampling2D: {
    help: '通过重复像素（nearest）或混合像素（bilinear）放大图像：[batch, height, width, channels] → [batch, height × size[0], width × size[1], channels]。',
    params: {
      size: '行和列的上采样倍数，例如 [2, 2]',
      interpolation: '"nearest" 重复每个像素；"bilinear" 混合最近的四个像素',
    },
  },
  MaxPooling1D: { help: '沿序列在每个窗口内取最大值：[batch, steps, channels] → [batch, steps / poolSize, channels]。', params: POOL_1D },
  MaxPooling2D: { help: '在每个窗口内取最大值，缩小高和宽（默认 2×2 窗口时减半）。', params: POOL_2D },
  MaxPooling3D: { help: '在体数据的每个窗口内取最大值，缩小深、高和宽（默认 2×2×2 窗口时减半）。', params: POOL_3D },
  AveragePooling1D: { help: '沿序列对每个窗口取平均：[batch, steps, channels] → [batch, steps / poolSize, channels]。', params: POOL_1D },
  AveragePooling2D: { help: '对每个窗口取平均，缩小高和宽（默认 2×2 窗口时减半）。', params: POOL_2D },
  AveragePooling3D: { help: '对体数据的每个窗口取平均，缩小深、高和宽（默认 2×2×2 窗口时减半）。', params: POOL_3D },
  GlobalMaxPooling1D: { help: '取每个通道在整个序列上的最大值：[batch, steps, channels] → [batch, channels]。' },
  GlobalMaxPooling2D: { help: '取每个通道在整幅图像上的最大值：[batch, height, width, channels] → [batch, channels]。' },
  GlobalAveragePooling1D: { help: '对每个通道在整个序列上取平均：[batch, steps, channels] → [batch, channels]。' },
  GlobalAveragePooling2D: { help: '对每个通道在整幅图像上取平均：[batch, height, width, channels] → [batch, channels]，常用来代替 Flatten。' },
  SimpleRNN: {
    help: '作用于序列 [batch, timesteps, features] 的普通循环层：state = activation(input · kernel + state · recurrentKernel + bias)。',
    params: {
      activation: '新状态（即输出）的激活函数',
      kernelInitializer: '输入 kernel 的初始化方式（tfjs 默认 glorotNormal，Keras 默认 glorotUniform）',
    },
  },
  GRU: {
    help: '作用于序列 [batch, timesteps, features] 的门控循环单元：类似 LSTM，但只有两个门和一个状态；返回最后一步的输出，开启 returnSequences 时返回每一步。',
    params: {
      activation: '候选状态的激活函数',
      recurrentActivation: '更新门和重置门的激活函数（tfjs 默认 hardSigmoid，Keras 默认 sigmoid）',
      kernelInitializer: '输入 kernel 的初始化方式（tfjs 默认 glorotNormal，Keras 默认 glorotUniform）',
      resetAfter: '在循环矩阵乘法之后再应用重置门；tfjs 只支持 false（Keras 默认 true，bias 形状为 [2, 3·units]）',
    },
  },
  LSTM: {
    help: '作用于序列 [batch, timesteps, features] 的长短期记忆网络：返回最后一步的输出，开启 returnSequences 时返回每一步。',
    params: {
      activation: '单元输入和输出的激活函数',
      kernelInitializer: '输入 kernel 的初始化方式',
      returnState: '同时输出最终的隐藏状态和细胞状态',
      unitForgetBias: '将遗忘门的 bias 初始化为 1（Keras 默认如此；tfjs 不会）',
    },
  },
  ConvLSTM2D: {
    help: '门由卷积构成的 LSTM，作用于图像序列 [batch, timesteps, height, width, channels] → [batch, newHeight, newWidth, filters]（开启 returnSequences 时返回每一步）。',
    params: {
      activation: '单元输入和输出的激活函数',
      filters: '输出通道数（状态的通道数与之相同）',
      kernelSize: '每个卷积核的高和宽，例如 3 或 [3, 3]',
      strides: '卷积核在输入上的移动步长（状态卷积始终为 1）',
      padding: '"valid"：不填充；"same"：填充到 stride 为 1 时高和宽不变',
      dataFormat: '通道轴的位置：在最后（[batch, t, h, w, c]）或紧跟时间步之后（[batch, t, c, h, w]）',
      dilationRate: '卷积核在输入上采样点之间的间隔；大于 1 时不增加权重即可扩大感受野',
      kernelInitializer: '输入 kernel 的初始化方式（tfjs 默认 glorotNormal，Keras 默认 glorotUniform）',
      returnSequences: '输出每个时间步（[batch, timesteps, h, w, filters]），而不是只输出最后一步',
      returnState: '同时输出最终的隐藏状态和细胞状态',
      unitForgetBias: '将遗忘门的 bias 初始化为 1（tfjs 默认不开启，除非显式设置；Keras 默认开启）',
    },
  },
  AttentionPooling: {
    help: '学习哪些时间步更重要：score = V(tanh(W x))，沿时间做 softmax，再加权求和。[batch, timesteps, features] → [batch, features]。',
    params: { units: '隐藏打分层 W 的大小' },
  },
  Concatenate: {
    help: '沿某个轴（默认最后一个轴）拼接各输入；其他轴的大小必须一致。',
    params: { axis: '拼接所沿的轴：-1 为最后一个轴，1 为 batch 之后的第一个轴（拒绝其他负数轴：tfjs 会沿最后一个轴拼接）' },
  },
  Add: { help: `逐元素相加各输入；${BROADCAST}（例如残差连接）。` },
  Multiply: { help: `逐元素相乘各输入；${BROADCAST}（例如用一个分支对另一个分支做门控）。` },
  Average: { help: `逐元素对各输入取平均；${BROADCAST}。` },
  Maximum: { help: `逐元素取各输入中的最大值；${BROADCAST}。` },
  Minimum: { help: `逐元素取各输入中的最小值；${BROADCAST}。` },
  Dot: {
    help: '对每个样本，沿两个输入各自的一个轴求点积：[?, n]·[?, n] → [?, 1]；[?, a, n]·[?, n, b] → [?, a, b]。开启 normalize 时得到余弦相似度。',
    params: {
      axes: '相乘并求和的轴：一个数表示两个输入相同，或 [in0 的轴, in1 的轴]；1 为 batch 之后的第一个轴，-1 为最后一个轴',
      normalize: '先沿这些轴对两个输入做 L2 归一化，得到余弦相似度',
    },
  },
  Dropout: {
    help: '训练时把随机一部分输入置零（并放大其余的值），以减轻过拟合。推理时不起作用。',
    params: {
      rate: '训练时丢弃的输入比例，取值范围 [0, 1)',
      noiseShape: '随机掩码的形状，batch 轴在前；某轴为 1 表示沿该轴共用一次抽样（例如 [1, 1, 64] 会丢弃 [?, 10, 64] 输入中的整个特征）。留空：每个值各自抽样',
    },
  },
  SpatialDropout1D: {
    help: '用于序列 [batch, timesteps, features] 的 Dropout：训练时对所有时间步同时丢弃整个特征，因为相邻的时间步彼此相似。',
    params: { rate: '训练时丢弃的特征比例，取值范围 [0, 1)' },
  },
  GaussianDropout: {
    help: '训练时把每个值乘以均值为 1、标准差为 sqrt(rate / (1 - rate)) 的高斯噪声。推理时不起作用。',
    params: { rate: '丢弃概率，与 Dropout 相同，取值范围 [0, 1)' },
  },
  GaussianNoise: {
    help: '训练时给每个值加上均值为 0 的高斯噪声，既是正则化手段，也是一种廉价的数据增强。推理时不起作用。',
    params: { stddev: '噪声的标准差，单位与输入相同' },
  },
  AlphaDropout: {
    help: '用于自归一化网络（selu 激活）的 Dropout：训练时保持输入的均值和方差不变。推理时不起作用。',
    params: {
      rate: '丢弃概率，取值范围 [0, 1)',
      noiseShape: '随机保留/丢弃掩码的形状，batch 轴在前；某轴为 1 表示沿该轴共用一次抽样。注意：tfjs 不会把它保存到 model.json',
    },
  },
  Flatten: {
    help: '把每个样本展平为一个向量，例如 [?, 31, 31, 32] → [?, 30752]，这样卷积之后就能接 Dense。',
    params: { dataFormat: 'channelsFirst 会在展平前把通道轴移到最后，使值的顺序与 channelsLast 模型一致' },
  },
  Reshape: {
    help: '把每个样本的值重新排成一个元素个数相同的新形状，例如 [?, 784] → [?, 28, 28, 1]。',
    params: { targetShape: '变形后单个样本的形状，不含 batch 轴；可以有一项为 -1，表示取剩余的大小' },
  },
  Permute: {
    help: '重新排列每个样本的轴，例如 dims 为 [2, 1] 时把 [?, 10, 64] 变成 [?, 64, 10]。batch 轴始终在最前。',
    params: { dims: '轴的新顺序，从 1 开始计数（batch 轴 0 始终在最前）：输出的第 i 个轴是输入的第 dims[i-1] 个轴' },
  },
  RepeatVector: {
    help: '把向量重复 n 次：[?, features] → [?, n, features]，例如把同一个编码送给解码器的每一步。',
    params: { n: '输入重复的次数' },
  },
  Activation: { help: '对每个值应用激活函数；softmax 沿最后一个轴归一化。' },
  ReLU: {
    help: '线性整流单元：max(x, 0)，可用 maxValue 设上限（取 6 即 ReLU6）。',
    params: { maxValue: '输出的上限，例如 6；留空表示不设上限' },
  },
  LeakyReLU: {
    help: '带泄露的线性整流单元：x ≥ 0 时为 x，否则为 alpha · x，使负输入仍能传回较小的梯度。',
    params: { alpha: '负输入部分的斜率（Keras 3 中称为 negative_slope）' },
  },
  PReLU: {
    help: '参数化 ReLU：x ≥ 0 时为 x，否则为 alpha · x，alpha 按每个值学习（或沿某些轴共享）。',
    params: {
      alphaInitializer: 'alpha 的初始化方式；zeros 表示从普通 ReLU 开始',
      sharedAxes: '共用同一个 alpha 的轴（1 为 batch 之后的第一个轴），例如 [1, 2] 表示图像的每个通道一个 alpha；留空：每个值一个 alpha',
    },
  },
  ELU: {
    help: '指数线性单元：x > 0 时为 x，否则为 alpha · (exp(x) − 1)：平滑，且负输出能把激活的均值推向零。',
    params: { alpha: '负半部分的缩放系数；tfjs 只支持 1' },
  },
  ThresholdedReLU: {
    help: 'x > theta 时输出 x，否则输出 0。',
    params: { theta: '阈值：小于或等于它的值变为 0' },
  },
  Softmax: {
    help: '沿某个轴把分数变成和为 1 的概率：exp(x) / sum(exp(x))。',
    params: { axis: '归一化所沿的轴；tfjs 默认为 1（即 [batch, classes] 的最后一个轴）；任意输入的最后一个轴请用 -1。给出多个轴时在这些轴上整体归一化' },
  },
  BatchNormalization: {
    help: '对每个通道（默认最后一个轴）做归一化：训练时用当前 batch 的统计量，之后用其滑动平均，然后再缩放和平移。',
    params: {
      axis: '各自保留统计量的通道轴；-1 为最后一个轴（channelsFirst 卷积之后用 1）',
      momentum: '滑动均值和方差跟随每个 batch 变化的快慢（越大越慢）',
      movingMeanInitializer: '滑动均值的初始化方式',
      movingVarianceInitializer: '滑动方差的初始化方式',
    },
  },
  LayerNormalization: {
    help: '对每个样本沿最后一个轴（或给定的轴）归一化到均值 0、方差 1，然后再缩放和平移；训练和推理时行为相同。',
    params: { axis: '归一化所沿的一个或多个轴；-1 为最后一个轴。可学习的缩放和偏移的形状与这些轴相同' },
  },
  Embedding: {
    help: '为每个整数 token id 查出一个可学习的向量：[batch, length]（id 取值 0…inputDim-1）→ [batch, length, outputDim]。',
    params: {
      inputDim: '词表大小：token id 的取值范围为 0 到 inputDim - 1',
      outputDim: '每个嵌入向量的长度',
      embeddingsInitializer: '嵌入表的初始化方式',
      maskZero: '把 id 0 当作填充，后面支持掩码的层（RNN）会跳过它；此时真实 id 从 1 开始，inputDim 应为词表大小 + 1',
      inputLength: 'id 序列的长度（固定时填写；秩大于 2 时每个轴一个数）；必须与输入形状一致',
    },
  },
  Masking: {
    help: '把所有特征都等于 maskValue 的时间步标记为填充，让其后支持掩码的层（RNN）跳过它们；值本身原样通过。',
    params: { maskValue: '所有特征都等于此值的时间步会被跳过' },
  },
  Bidirectional: {
    help: '让一个循环层正向运行、它的副本反向运行于序列之上，再合并两者的输出（默认拼接）。',
    params: {
      layer: '双向运行的循环层，例如 {"type": "LSTM", "params": {"units": 64}}',
      mergeMode: '正向与反向输出的合并方式："concat" 使最后一个轴加倍；"sum"、"mul"、"ave" 保持不变；null 分别输出两者',
    },
  },
  TimeDistributed: {
    help: '用同一组权重把一个层应用到序列的每个时间步：[batch, timesteps, …] → [batch, timesteps, …该层的输出]。',
    params: { layer: '在每个时间步上应用的层，例如 {"type": "Dense", "params": {"units": 10}}' },
  },
};

const own = (object: object, key: string) => Object.prototype.hasOwnProperty.call(object, key);

/** A kind's Chinese help and the Chinese description of each parameter it has one for, or undefined for a kind the catalog lacks. */
export function layerTextZh(kind: string): { help: string; param(name: string): string | undefined } | undefined {
  if (!own(LAYER_TEXT_ZH, kind)) return undefined;
  const entry: { help: string; params?: Record<string, string | undefined> } = LAYER_TEXT_ZH[kind as LayerKindZh];
  const shared: Record<string, string | undefined> = SHARED_PARAMS_ZH;
  return {
    help: entry.help,
    param: (name) => (entry.params && own(entry.params, name) ? entry.params[name] : own(shared, name) ? shared[name] : undefined),
  };
}
