/**
 * The one definition of a `*.distq.json` config. The TypeScript type, the JSON
 * Schema in schemas/distq.schema.json and the validator all come from here.
 */
import { array, boolean, discriminated, enumeration, literal, number, object, optional, required, string, withDefault, type Infer } from './schemaBuilder.ts';

const modelSection = object({
  path: required(string({ minLength: 1, description: 'ONNX model file, relative to this config file.' })),
  input: optional(string({ description: 'Name of the model input that takes a batch. Default: the first graph input that is not an initializer.' })),
  output: optional(string({ description: 'Name of the output holding the class logits. Default: the first graph output.' })),
}, { description: 'An ONNX model.' });

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

export const dataSection = discriminated('kind', { mnist: mnistData, npz: npzData, npy: npyData }, { description: 'Where training and evaluation data come from.' });

export const optimizerSection = object({
  kind: withDefault(enumeration(['sgd', 'adam', 'adamw'] as const, { description: 'Update rule (PyTorch semantics).' }), 'sgd'),
  learningRate: withDefault(number({ exclusiveMinimum: 0, description: 'Base learning rate.' }), 0.05),
  momentum: optional(number({ minimum: 0, maximum: 1, description: 'SGD momentum (default 0.9).' })),
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
  optimizer: withDefault(optimizerSection, { kind: 'sgd', learningRate: 0.05, momentum: 0.9 }),
  schedule: withDefault(scheduleSection, { kind: 'cosine' }),
  gradientClipNorm: optional(number({ exclusiveMinimum: 0, description: 'Clip gradients to this global L2 norm.' })),
  seed: withDefault(number({ integer: true, minimum: 0, description: 'Seed for shuffling and initialisation; the same seed repeats a run exactly.' }), 0),
  threads: withDefault(number({ integer: true, minimum: 1, maximum: 64, description: 'ONNX Runtime intra-op threads. One is often fastest on small machines.' }), 1),
  logEverySteps: withDefault(number({ integer: true, minimum: 1, description: 'Write step metrics every N steps.' }), 20),
}, { description: 'Training settings.' });

export const outputSection = object({
  model: optional(string({ minLength: 1, description: 'Where `distq train` writes the trained model, relative to this config file. Default: NAME.trained.onnx beside it.' })),
  runsFolder: withDefault(string({ minLength: 1, description: 'Folder for run folders (runs/NAME-TIMESTAMP), relative to this config file.' }), 'runs'),
}, { description: 'Where results go.' });

export const distqConfigSchema = object({
  name: required(string({ minLength: 1, pattern: '^[A-Za-z0-9._-]+$', description: 'Name of this config; run folders are named after it.' })),
  model: required(modelSection),
  data: required(dataSection),
  training: withDefault(trainingSection, {
    epochs: 3, batchSize: 128, evalBatchSize: 500, optimizer: { kind: 'sgd', learningRate: 0.05, momentum: 0.9 }, schedule: { kind: 'cosine' }, seed: 0, threads: 1, logEverySteps: 20,
  }),
  output: withDefault(outputSection, { runsFolder: 'runs' }),
}, { title: 'DistQ config', description: 'A DistQ distillation-for-quantization config (*.distq.json).', allowExtra: ['$schema'] });

export type DistqConfig = Infer<typeof distqConfigSchema>;
export type DataConfig = DistqConfig['data'];
export type TrainingConfig = DistqConfig['training'];
export type OptimizerConfig = TrainingConfig['optimizer'];
export type ScheduleConfig = TrainingConfig['schedule'];
