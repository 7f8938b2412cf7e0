/**
 * The one definition of a `*.distq.json` config. The TypeScript type, the JSON
 * Schema in schemas/distq.schema.json and the validator all come from here.
 */
import { QUANTIZABLE_OP_TYPES } from '../quantization/placement.ts';
import { LOSS_KINDS, lossDescriptions, lossNamesFor } from '../../contracts/losses.ts';
import { DEFAULT_ACTIVATION_SCHEME, DEFAULT_WEIGHT_SCHEME, MAX_BITS, MIN_BITS } from '../../contracts/quantizationScheme.ts';
import { array, boolean, discriminated, enumeration, literal, number, object, objectByKey, optional, record, required, string, withDefault, wordOrObject, type Infer, type PartialSection } from './schemaBuilder.ts';

const modelFields = {
  path: required(string({ minLength: 1, description: 'ONNX model file, relative to this config file.' })),
  input: optional(string({ description: 'Name of the model input that takes a batch. Default: the first graph input that is not an initializer.' })),
  output: optional(string({ description: 'Name of the output holding the class logits. Default: the first graph output.' })),
};

const mnistData = object({
  kind: required(literal('mnist', { description: 'The built-in MNIST digits (10,000 real digits; a fixed 8,000 / 2,000 train/test split, see docs/data.md).' })),
  trainCount: optional(number({ integer: true, minimum: 1, maximum: 8000, description: 'Use only the first N training examples (quick runs).' })),
  testCount: optional(number({ integer: true, minimum: 1, maximum: 2000, description: 'Use only the first N test examples.' })),
});

const npzData = object({
  kind: required(literal('npz', { description: 'Arrays from one .npz file, as numpy.savez or savez_compressed writes it.' })),
  path: required(string({ minLength: 1, description: '.npz file, relative to this config file.' })),
  trainInputs: withDefault(string({ minLength: 1, description: 'Array of training inputs, shape [count, ...example shape].' }), 'x_train'),
  trainLabels: withDefault(string({ minLength: 1, description: 'Array of integer class labels, shape [count].' }), 'y_train'),
  testInputs: withDefault(string({ minLength: 1, description: 'Array of test inputs.' }), 'x_test'),
  testLabels: withDefault(string({ minLength: 1, description: 'Array of test labels.' }), 'y_test'),
  inputScale: optional(number({ exclusiveMinimum: 0, description: 'Multiply inputs by this (e.g. 0.00392156862745098 for uint8 pixels to [0, 1]).' })),
});

const npyData = object({
  kind: required(literal('npy', { description: 'Four .npy files, as numpy.save writes them.' })),
  trainInputs: required(string({ minLength: 1, description: '.npy of training inputs, relative to this config file.' })),
  trainLabels: required(string({ minLength: 1, description: '.npy of training labels.' })),
  testInputs: required(string({ minLength: 1, description: '.npy of test inputs.' })),
  testLabels: required(string({ minLength: 1, description: '.npy of test labels.' })),
  inputScale: optional(number({ exclusiveMinimum: 0, description: 'Multiply inputs by this.' })),
});

const spamAssassinData = object({
  kind: required(literal('spamassassin', { description: 'The built-in SpamAssassin mail corpus, ham (0) vs spam (1): 6,046 messages, a fixed 4,840 / 1,206 split, tokenized into input_ids and attention_mask with a vocabulary built from the training split (docs/text-data.md).' })),
  vocabSize: withDefault(number({ integer: true, minimum: 8, maximum: 65536, description: 'Token ids in the vocabulary, [PAD] [UNK] [CLS] included; the model\'s embedding table needs at least this many rows.' }), 4096),
  sequenceLength: withDefault(number({ integer: true, minimum: 2, maximum: 4096, description: 'Tokens per message, [CLS] included; longer messages are cut, shorter ones padded.' }), 128),
  trainCount: optional(number({ integer: true, minimum: 1, maximum: 4840, description: 'Use N training messages spread evenly over the split (both classes in proportion), for quick runs.' })),
  testCount: optional(number({ integer: true, minimum: 1, maximum: 1206, description: 'Use N test messages spread evenly over the split.' })),
});

const tokensData = object({
  kind: required(literal('tokens', { description: 'Token ids, attention masks and labels tokenized elsewhere, from one .npz with train_input_ids, train_attention_mask, train_labels and the same for test_ (docs/text-data.md).' })),
  path: required(string({ minLength: 1, description: '.npz file, relative to this config file.' })),
  vocabSize: optional(number({ integer: true, minimum: 1, description: 'Rows of the model\'s embedding table; every id must be below it. Default: the largest id + 1.' })),
});

export const dataSection = discriminated('kind', { mnist: mnistData, npz: npzData, npy: npyData, spamassassin: spamAssassinData, tokens: tokensData }, { description: 'Where training and evaluation data come from.' });

export const optimizerSection = object({
  kind: withDefault(enumeration(['sgd', 'adam', 'adamw'] as const, { description: 'Update rule (PyTorch semantics).' }), 'sgd'),
  learningRate: withDefault(number({ exclusiveMinimum: 0, description: 'Base learning rate.' }), 0.05),
  momentum: withDefault(number({ minimum: 0, maximum: 1, description: 'SGD momentum.' }), 0.9),
  nesterov: optional(boolean({ description: 'Nesterov momentum for SGD (default false).' })),
  weightDecay: optional(number({ minimum: 0, description: 'L2 penalty (SGD, Adam) or decoupled decay (AdamW). Not applied to biases. Default 0 (AdamW: 0.01).' })),
  betas: optional(array(number({ minimum: 0, maximum: 1 }), { minItems: 2, maxItems: 2, description: 'Adam β1, β2 (default [0.9, 0.999]).' })),
  eps: optional(number({ exclusiveMinimum: 0, description: 'Adam ε (default 1e-8).' })),
}, { description: 'The optimizer.' });

export const scheduleSection = object({
  kind: withDefault(enumeration(['constant', 'step', 'cosine'] as const, { description: 'Learning-rate schedule.' }), 'cosine'),
  warmupSteps: optional(number({ integer: true, minimum: 0, description: 'Linear warm-up steps (cosine).' })),
  minimumLearningRate: optional(number({ minimum: 0, description: 'Final learning rate (cosine). Default 0.' })),
  everyEpochs: optional(number({ integer: true, minimum: 1, description: 'Decay every N epochs (step).' })),
  gamma: optional(number({ exclusiveMinimum: 0, description: 'Decay factor (step). Default 0.1.' })),
}, { description: 'How the learning rate changes over training.' });

export const trainingSection = object({
  epochs: withDefault(number({ integer: true, minimum: 1, description: 'Passes over the training data.' }), 3),
  batchSize: withDefault(number({ integer: true, minimum: 1, description: 'Examples per training step.' }), 128),
  evalBatchSize: withDefault(number({ integer: true, minimum: 1, description: 'Examples per evaluation batch.' }), 500),
  optimizer: withDefault(optimizerSection),
  schedule: withDefault(scheduleSection),
  gradientClipNorm: optional(number({ exclusiveMinimum: 0, description: 'Clip gradients to this global L2 norm.' })),
  seed: withDefault(number({ integer: true, minimum: 0, description: 'Seed for shuffling and initialisation; the same seed repeats a run exactly.' }), 0),
  threads: withDefault(number({ integer: true, minimum: 1, maximum: 64, description: 'ONNX Runtime intra-op threads. One is often fastest on small machines.' }), 1),
  logEverySteps: withDefault(number({ integer: true, minimum: 1, description: 'Write step metrics every N steps.' }), 20),
}, { description: 'Training settings.' });

export const outputSection = object({
  model: optional(string({ minLength: 1, description: 'Where `distq train` writes the trained model, relative to this config file. Default: NAME.trained.onnx beside it.' })),
  runsFolder: withDefault(string({ minLength: 1, description: 'Folder for run folders (runs/NAME-TIMESTAMP), relative to this config file.' }), 'runs'),
}, { description: 'Where results go.' });

/** Which self-distillation losses suit features and which logits, from the loss registry. */
function selfMappingLossDescription(): string {
  const names = lossNamesFor('selfMapping');
  const forLogits = names.filter((name) => LOSS_KINDS[name].comparesDistributions);
  const forFeatures = names.filter((name) => !LOSS_KINDS[name].comparesDistributions);
  return `${forFeatures.join(' or ')} for features; ${forLogits.join(' or ')} (with temperature) for logits.`;
}

const layerMapping = object({
  student: required(string({ minLength: 1, description: 'A tensor of the student (any node output or graph input), by its ONNX name.' })),
  teacher: required(string({ minLength: 1, description: 'A tensor of the teacher, by its ONNX name.' })),
  loss: withDefault(enumeration(lossNamesFor('layerMapping'), { description: 'How the two tensors are compared.', descriptions: lossDescriptions('layerMapping') }), 'MSE'),
  weight: optional(number({ minimum: 0, description: 'Weight of this mapping (default 1/number of mappings).' })),
}, { description: 'One pair of tensors to bring together.' });

const selfMapping = object({
  shallow: required(string({ minLength: 1, description: 'A shallow tensor of the student (a block output or a logits tensor).' })),
  deep: required(string({ minLength: 1, description: 'A deeper tensor of the student that teaches it (usually the final logits).' })),
  loss: withDefault(enumeration(lossNamesFor('selfMapping'), { description: selfMappingLossDescription(), descriptions: lossDescriptions('selfMapping') }), 'KL'),
  weight: optional(number({ minimum: 0, description: 'Weight of this pair (default 1/number of pairs).' })),
  auxiliaryHead: optional(boolean({ description: 'Attach global pooling + linear to turn a shallow feature map into logits (default: when the shallow tensor is not [N, classes]). Removed at export.' })),
}, { description: 'A deep part of the student teaching a shallow part.' });

// Defaults of the self kind's safeguards; docs/distillation.md gives the reasoning.
const headWarmup = object({
  mode: withDefault(enumeration(['auto', 'on', 'off'] as const, {
    description: 'Train the auxiliary heads alone, on the student\'s frozen features, before joint training.',
    descriptions: { auto: 'When the student starts trained: its float accuracy before QAT is above twice chance (1 / classes).', on: 'Always.', off: 'Never: heads start from their random initialisation.' },
  }), 'auto'),
  maxSteps: withDefault(number({ integer: true, minimum: 1, description: 'Most warm-up steps (batches).' }), 200),
  checkEverySteps: withDefault(number({ integer: true, minimum: 1, description: 'Measure the heads\' accuracy on the last this-many batches; warm-up stops when it no longer improves.' }), 25),
}, { description: 'Auxiliary-head warm-up before self-distillation.' });

const selfBalance = object({
  rampEpochs: withDefault(number({ minimum: 0, description: 'Raise the self terms\' weight linearly from 0 to its full value over this many epochs (0: full weight from the first step).' }), 1),
  capAtLabelsLoss: withDefault(boolean({ description: 'Scale the self terms down, step by step, so that their weighted values together are at most the labels\' loss (each its equal share).' }), true),
  headAccuracyForBackbone: withDefault(number({
    minimum: 0, maximum: 1,
    description: 'Pairs without an explicit weight: a head\'s term reaches the backbone in proportion to how far the head\'s recent accuracy has come from chance towards this value: none of it at chance, all of it at this accuracy or above. The head itself always learns from its term. 0: every term reaches the backbone in full.',
  }), 0.9),
}, { description: 'How the self-distillation terms are kept from dominating the labels\' loss.' });

export const distillationSection = object({
  kind: withDefault(enumeration(['kd', 'intermediate', 'self', 'none'] as const, {
    description: 'Which distillation guides QAT.',
    descriptions: { kd: 'Knowledge distillation from the teacher\'s outputs.', intermediate: 'Intermediate-layer distillation between mapped tensors.', self: 'Self-distillation: the deep student teaches its shallow parts.', none: 'Plain QAT, no teacher.' },
  }), 'kd'),
  temperature: withDefault(number({ exclusiveMinimum: 0, description: 'Softmax temperature for KL/CE against soft targets.' }), 1),
  lossTypes: withDefault(array(enumeration(lossNamesFor('labels', 'teacherOutputs'), { descriptions: lossDescriptions('labels', 'teacherOutputs') }), {
    minItems: 2, maxItems: 2, description: `[student↔labels: ${lossNamesFor('labels').join(' | ')}, student↔teacher: ${lossNamesFor('teacherOutputs').join(' | ')}].`,
  }), ['CE', 'KL']),
  lossWeights: withDefault(array(number({ minimum: 0 }), { minItems: 2, maxItems: 2, description: '[weight of the labels loss, weight of the teacher loss]. KL is multiplied by T².' }), [0.5, 0.5]),
  layerMappings: optional(array(layerMapping, { description: 'Intermediate-layer distillation: student and teacher tensors to bring together.' })),
  addOriginLoss: withDefault(boolean({ description: 'Also add the student\'s own loss against the labels (intermediate and self kinds).' }), false),
  selfMappings: optional(array(selfMapping, { description: 'Self-distillation pairs.' })),
  headWarmup: withDefault(headWarmup),
  selfBalance: withDefault(selfBalance),
  cacheTeacherOutputs: withDefault(boolean({ description: 'Compute the teacher\'s outputs once and reuse them every epoch (the data has no random augmentation).' }), true),
}, { description: 'How the teacher (or the student itself) guides training.' });

const bitsField = (bits: number) => withDefault(number({ integer: true, minimum: MIN_BITS, maximum: MAX_BITS, description: 'Bit width.' }), bits);
const symmetricDescription = 'Symmetric range (zero point 0 when signed).';
const layerBits = (what: string) => required(number({ integer: true, minimum: MIN_BITS, maximum: MAX_BITS, description: `Bit width of this node's ${what}.` }));

/** One node's own precision: `"float"` keeps it in float (as `exclude` does); an object overrides the global bit widths. */
const layerPrecision = wordOrObject(
  literal('float', { description: 'Keep this node in float, as `exclude` does.' }),
  object({
    weights: optional(object({ bits: layerBits('weights') }, { description: 'This node\'s weights; the rest of the scheme is the global one. Default: the global weights.' })),
    activations: optional(object({ bits: layerBits('input activations') }, { description: 'The activations this node reads; the rest of the scheme is the global one. Default: the global activations.' })),
  }, { description: 'This node\'s bit widths.' }),
  { description: '"float", or this node\'s bit widths.' },
);

export const quantizationSection = object({
  enabled: withDefault(boolean({ description: 'Quantization-aware training (false trains in float).' }), true),
  weights: withDefault(object({
    bits: bitsField(DEFAULT_WEIGHT_SCHEME.bits),
    symmetric: withDefault(boolean({ description: symmetricDescription }), DEFAULT_WEIGHT_SCHEME.symmetric),
    signed: withDefault(boolean({ description: 'Signed integers (int8-style) or unsigned (uint8-style).' }), DEFAULT_WEIGHT_SCHEME.signed),
    perChannel: withDefault(boolean({ description: 'One scale per output channel.' }), DEFAULT_WEIGHT_SCHEME.perChannel),
    reduceRange: withDefault(boolean({ description: '8-bit weights use the 7-bit range [−63, 63]. ONNX Runtime\'s x86 integer kernels on CPUs without VNNI (AVX2, AVX-512 without VNNI) add pairs of uint8 × int8 products in 16 bits, which overflow with full-range weights and give wrong results; with the reduced range they are exact. Turn it off for a model that runs only on VNNI or ARM CPUs.' }), DEFAULT_WEIGHT_SCHEME.reduceRange),
  }, { description: 'How weights are quantized.' })),
  activations: withDefault(object({
    bits: bitsField(DEFAULT_ACTIVATION_SCHEME.bits),
    symmetric: withDefault(boolean({ description: symmetricDescription }), DEFAULT_ACTIVATION_SCHEME.symmetric),
    signed: withDefault(boolean({ description: 'Signed integers (int8, S8S8) or unsigned (uint8, U8S8). Unsigned is the default: ONNX Runtime\'s x86 integer kernels take uint8 activations, and an asymmetric range holds the same values either way.' }), DEFAULT_ACTIVATION_SCHEME.signed),
    observer: withDefault(enumeration(['minmax', 'movingAverageMinMax', 'percentile'] as const, { description: 'How activation ranges are tracked.' }), 'movingAverageMinMax'),
    averagingConstant: withDefault(number({ exclusiveMinimum: 0, maximum: 1, description: 'Moving-average weight of each new batch.' }), 0.01),
    percentile: withDefault(number({ exclusiveMinimum: 50, maximum: 100, description: 'Percentile observer: the range spans the (100 − p)th to the pth percentile of the calibration values.' }), 99.99),
    learnScale: withDefault(boolean({ description: 'Learn activation scales by gradient (LSQ) after calibration.' }), false),
  }, { description: 'How activations (the inputs and outputs of integer ops) are quantized.' })),
  opTypes: withDefault(array(enumeration(QUANTIZABLE_OP_TYPES), { description: 'Op types that run as integer ops in the INT8 model: their weights, inputs and outputs are quantized. Add, Mul, Concat, the pools and Sigmoid run in integer arithmetic only where their inputs come from integer ops (a residual Add, not a bias Add).' }), [...QUANTIZABLE_OP_TYPES]),
  exclude: withDefault(array(string({ minLength: 1 }), { description: 'Node names kept in float.' }), []),
  layers: optional(record(layerPrecision, { description: 'Per-layer precision: node name → { "weights": { "bits": N }, "activations": { "bits": N } } (either side optional) or "float", overriding the global scheme for that node (mixed precision in one model).' })),
  calibrationBatches: withDefault(number({ integer: true, minimum: 1, description: 'Batches used to calibrate ranges before training (and for the PTQ baseline).' }), 8),
  freezeObserversAfterEpoch: optional(number({ integer: true, minimum: 0, description: 'Stop updating activation ranges after this many epochs.' })),
}, { description: 'Quantization-aware training.' });

const maxAccuracyLoss = objectByKey('relative',
  object({ relative: required(number({ exclusiveMinimum: 0, maximum: 1, description: 'The largest accuracy loss as a fraction of the reference accuracy (0.01: keep 99 % of it).' })) }, { description: 'A loss relative to the reference accuracy.' }),
  object({ absolutePp: required(number({ minimum: 0, maximum: 100, description: 'The largest accuracy loss in percentage points (0.3: at most 0.3 pp below the reference).' })) }, { description: 'A loss in percentage points.' }),
  { description: 'How much accuracy the tuned INT8 model may lose against the reference: the FP32 teacher, or the FP32 student when there is no teacher.' },
);

export const tuningSection = object({
  maxAccuracyLoss: withDefault(maxAccuracyLoss, { absolutePp: 0.3 }),
  maxTrials: withDefault(number({ integer: true, minimum: 1, description: 'Trials at most, the starting point included; distq tune then retrains the chosen precisions from the student, one trial more.' }), 12),
  timeBudgetMinutes: optional(number({ exclusiveMinimum: 0, description: 'Start no trial after this many minutes (the sensitivity analysis included). Default: no limit.' })),
  fallback: withDefault(enumeration(['int8', 'float'] as const, { description: 'What a promoted layer becomes.', descriptions: { int8: 'A low-bit layer goes to 8 bits (a layer already at 8 bits goes to float).', float: 'The layer is kept in float.' } }), 'int8'),
  epochsPerTrial: withDefault(number({ integer: true, minimum: 1, description: 'Epochs of QAT + distillation after each change, continuing from the current checkpoint.' }), 1),
}, { description: '`distq tune`: promote the layers that cost most accuracy until the quantized model meets a target.' });

export const distqConfigSchema = object({
  name: required(string({ minLength: 1, pattern: '^[A-Za-z0-9._-]+$', description: 'Name of this config; run folders are named after it.' })),
  model: required(object({ ...modelFields }, { description: 'The model to train: the student of QAT + distillation (or the model of `distq train`).' })),
  teacher: optional(object({ ...modelFields }, { description: 'The full-precision teacher (kd and intermediate distillation).' })),
  data: required(dataSection),
  distillation: optional(distillationSection),
  quantization: optional(quantizationSection),
  training: withDefault(trainingSection),
  output: withDefault(outputSection),
  tuning: optional(tuningSection),
}, { title: 'DistQ config', description: 'A DistQ distillation-for-quantization config (*.distq.json).', allowExtra: ['$schema'] });

export type DistqConfig = Infer<typeof distqConfigSchema>;
export type DataConfig = DistqConfig['data'];
export type TrainingConfig = DistqConfig['training'];
export type OptimizerConfig = TrainingConfig['optimizer'];
export type ScheduleConfig = TrainingConfig['schedule'];
export type DistillationConfig = NonNullable<DistqConfig['distillation']>;
export type QuantizationConfig = NonNullable<DistqConfig['quantization']>;
export type TuningConfig = NonNullable<DistqConfig['tuning']>;
/** The quantization section as code may give it (the hooks API, inspect, the bench): fields left out take their defaults. */
export type QuantizationSettings = PartialSection<QuantizationConfig>;
