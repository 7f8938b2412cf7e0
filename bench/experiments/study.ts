/**
 * The variants of the multi-seed study (bench/seeds.ts) and the differences it reports.
 * Config paths are relative to the repository root. PTQ is read from the no-distillation
 * QAT run of the same setting: the PTQ baseline is measured before training starts.
 */

export interface Variant {
  name: string;
  config: string;
  command: 'run' | 'train';
  /** A key of the result's accuracy (run: ptqInt8, qatInt8, …; train: fp32). */
  metric: string;
}

export interface StudyGroup {
  name: string;
  description: string;
  variants: Variant[];
  /** [A, B]: report the per-seed difference A − B. */
  pairs: [string, string][];
}

const EXAMPLES = 'examples/mnist';
const TEXT_EXAMPLES = 'examples/text';
const EXPERIMENTS = 'bench/experiments';
const TEXT_EXPERIMENTS = 'bench/experiments/text';

/** PTQ, QAT and QAT + KD of one setting whose configs are NAME-qat and NAME-kd. */
function bitsGroup(name: string, description: string, folder: string, qatConfig: string, kdConfig: string): StudyGroup {
  return {
    name,
    description,
    variants: [
      { name: `${name} PTQ`, config: `${folder}/${qatConfig}`, command: 'run', metric: 'ptqInt8' },
      { name: `${name} QAT`, config: `${folder}/${qatConfig}`, command: 'run', metric: 'qatInt8' },
      { name: `${name} QAT+KD`, config: `${folder}/${kdConfig}`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [[`${name} QAT+KD`, `${name} QAT`], [`${name} QAT+KD`, `${name} PTQ`], [`${name} QAT`, `${name} PTQ`]],
  };
}

/** A student trained from its untrained weights: no PTQ (it would quantize random weights). */
function scratchGroup(name: string, description: string, qatConfig: string, kdConfig: string, fp32Config: string | undefined): StudyGroup {
  const variants: Variant[] = [
    { name: `${name} QAT`, config: `${EXPERIMENTS}/${qatConfig}`, command: 'run', metric: 'qatInt8' },
    { name: `${name} QAT+KD`, config: `${EXPERIMENTS}/${kdConfig}`, command: 'run', metric: 'qatInt8' },
  ];
  const pairs: [string, string][] = [[`${name} QAT+KD`, `${name} QAT`]];
  if (fp32Config) {
    variants.unshift({ name: `${name} FP32`, config: `${EXPERIMENTS}/${fp32Config}`, command: 'train', metric: 'fp32' });
    pairs.push([`${name} QAT`, `${name} FP32`], [`${name} QAT+KD`, `${name} FP32`]);
  }
  return { name, description, variants, pairs };
}

/** QAT against KD with temperature 2 or 4 and loss weights [0.5, 0.5] or [0.1, 0.9] (labels, teacher). */
function kdSettingsGroup(name: string, description: string, base: string): StudyGroup {
  const settings = [['t2-w55', `${base}-kd`], ['t4-w55', `${base}-kd-t4-w55`], ['t2-w19', `${base}-kd-t2-w19`], ['t4-w19', `${base}-kd-t4-w19`]] as const;
  const qat = `${name} QAT`;
  return {
    name,
    description,
    variants: [
      { name: qat, config: `${EXPERIMENTS}/${base}-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      ...settings.map(([label, config]): Variant => ({ name: `${name} KD ${label}`, config: `${EXPERIMENTS}/${config}.distq.json`, command: 'run', metric: 'qatInt8' })),
    ],
    pairs: [
      ...settings.map(([label]): [string, string] => [`${name} KD ${label}`, qat]),
      ...settings.slice(1).map(([label]): [string, string] => [`${name} KD ${label}`, `${name} KD t2-w55`]),
    ],
  };
}

export const STUDY: StudyGroup[] = [
  bitsGroup('w4a4', 'the demo\'s W4A4 configs with the study\'s frozen teacher (student = trained CNN, 8,000 labels, 3 epochs)', EXPERIMENTS, 'w4a4-qat.distq.json', 'w4a4-kd.distq.json'),
  bitsGroup('w2a4', '2-bit weights, 4-bit activations, otherwise as the demo', EXPERIMENTS, 'w2a4-qat.distq.json', 'w2a4-kd.distq.json'),
  bitsGroup('w4a2', '4-bit weights, 2-bit activations, otherwise as the demo', EXPERIMENTS, 'w4a2-qat.distq.json', 'w4a2-kd.distq.json'),
  bitsGroup('w3a3', 'W3A3, otherwise as the demo', EXPERIMENTS, 'w3a3-qat.distq.json', 'w3a3-kd.distq.json'),
  scratchGroup('small', 'the small CNN (half the channels) from untrained weights at W4A4, 8 epochs, lr 0.05; KD from the big CNN', 'small-w4a4-qat.distq.json', 'small-w4a4-kd.distq.json', 'small-fp32.distq.json'),
  scratchGroup('small-n1000', 'as small, on the first 1,000 training labels (the teacher saw all 8,000)', 'small-w4a4-n1000-qat.distq.json', 'small-w4a4-n1000-kd.distq.json', undefined),
  bitsGroup('w4a4-n500', 'W4A4 from the trained CNN on the first 500 training labels (the teacher saw all 8,000)', EXPERIMENTS, 'w4a4-n500-qat.distq.json', 'w4a4-n500-kd.distq.json'),
  bitsGroup('w2a4-n500', 'W2A4 from the trained CNN on the first 500 training labels', EXPERIMENTS, 'w2a4-n500-qat.distq.json', 'w2a4-n500-kd.distq.json'),
  scratchGroup('small-n1000-e32', 'as small-n1000 with 32 epochs instead of 8 (512 steps), so plain QAT is not simply under-trained', 'small-w4a4-n1000-e32-qat.distq.json', 'small-w4a4-n1000-e32-kd.distq.json', undefined),
  {
    name: 'small-trained',
    description: 'the small CNN trained in FP32 first (97.65 %), then W4A4 with the demo\'s recipe (3 epochs, lr 0.01)',
    variants: [
      { name: 'small-trained PTQ', config: `${EXPERIMENTS}/small-trained-w4a4-qat.distq.json`, command: 'run', metric: 'ptqInt8' },
      { name: 'small-trained QAT', config: `${EXPERIMENTS}/small-trained-w4a4-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'small-trained KD t2-w55', config: `${EXPERIMENTS}/small-trained-w4a4-kd.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'small-trained KD t4-w55', config: `${EXPERIMENTS}/small-trained-w4a4-kd-t4-w55.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [['small-trained KD t2-w55', 'small-trained QAT'], ['small-trained KD t4-w55', 'small-trained QAT'], ['small-trained QAT', 'small-trained PTQ'], ['small-trained KD t4-w55', 'small-trained KD t2-w55']],
  },
  kdSettingsGroup('kd-small-n1000', 'KD temperature and loss weights: small CNN, W4A4, 1,000 labels, 8 epochs', 'small-w4a4-n1000'),
  kdSettingsGroup('kd-small', 'KD temperature and loss weights: small CNN, W4A4, 8,000 labels', 'small-w4a4'),
  kdSettingsGroup('kd-w4a2', 'KD temperature and loss weights: trained CNN at W4A2 (where default KD lost to QAT)', 'w4a2'),
  bitsGroup('text-int8', 'examples/text as it is: the trained 4-layer encoder at W8A8, QAT against QAT + intermediate-layer KD in the seed\'s pattern (SpamAssassin, 1,206 test messages)', TEXT_EXAMPLES, 'qat-int8.distq.json', 'qat-kd-int8.distq.json'),
  {
    name: 'text-half',
    description: 'examples/text\'s half-depth student (2 layers from the teacher\'s layers 1 and 3) at W8A8: FP32 fine-tuning, QAT, and QAT + KD mapping every second teacher layer',
    variants: [
      { name: 'text-half FP32', config: `${TEXT_EXPERIMENTS}/half-fp32.distq.json`, command: 'train', metric: 'fp32' },
      { name: 'text-half QAT', config: `${TEXT_EXAMPLES}/half-qat-int8.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'text-half QAT+KD', config: `${TEXT_EXAMPLES}/half-kd-int8.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [['text-half QAT+KD', 'text-half QAT'], ['text-half QAT', 'text-half FP32'], ['text-half QAT+KD', 'text-half FP32']],
  },
  {
    name: 'text-half-n500',
    description: 'as text-half on 500 training labels (spread over the split; the teacher saw all 4,840)',
    variants: [
      { name: 'text-half-n500 QAT', config: `${TEXT_EXPERIMENTS}/half-n500-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'text-half-n500 QAT+KD', config: `${TEXT_EXPERIMENTS}/half-n500-kd.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [['text-half-n500 QAT+KD', 'text-half-n500 QAT']],
  },
  {
    name: 'text-small-n500',
    description: 'a small encoder (2 layers, D 32, 4 heads) from untrained weights at W8A8 on 500 training labels, 16 epochs; KD from the 4-layer teacher in the seed\'s pattern (layer outputs through a matcher)',
    variants: [
      { name: 'text-small-n500 QAT', config: `${TEXT_EXPERIMENTS}/small-n500-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'text-small-n500 QAT+KD', config: `${TEXT_EXPERIMENTS}/small-n500-kd.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'text-small-n500 QAT+logits KD', config: `${TEXT_EXPERIMENTS}/small-n500-kd-logits.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [['text-small-n500 QAT+KD', 'text-small-n500 QAT'], ['text-small-n500 QAT+logits KD', 'text-small-n500 QAT']],
  },
  bitsGroup('text-w4a4', 'the trained 4-layer encoder at W4A4, otherwise as text-int8', TEXT_EXPERIMENTS, 'w4a4-qat.distq.json', 'w4a4-kd.distq.json'),
  {
    name: 'self-resnet8',
    description: 'the trained ResNet-8 (bench/models/train_resnet8_mnist.py) at W8A8 and W4A4, 1,000 labels, 2 epochs, lr 0.002, 1,000 test examples: plain QAT against self-distillation + QAT with heads on the first two blocks (default warm-up, balance and backbone shares), and the naive recipe (none of them)',
    variants: [
      { name: 'self-resnet8 int8 QAT', config: `${EXPERIMENTS}/resnet8-int8-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-resnet8 int8 QAT+self', config: `${EXPERIMENTS}/resnet8-int8-self.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-resnet8 w4a4 QAT', config: `${EXPERIMENTS}/resnet8-w4a4-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-resnet8 w4a4 QAT+self', config: `${EXPERIMENTS}/resnet8-w4a4-self.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-resnet8 w4a4 QAT+self naive', config: `${EXPERIMENTS}/resnet8-w4a4-self-naive.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-resnet8 int8 QAT+self naive', config: `${EXPERIMENTS}/resnet8-int8-self-naive.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [
      ['self-resnet8 int8 QAT+self', 'self-resnet8 int8 QAT'],
      ['self-resnet8 w4a4 QAT+self', 'self-resnet8 w4a4 QAT'],
      ['self-resnet8 w4a4 QAT+self naive', 'self-resnet8 w4a4 QAT'],
      ['self-resnet8 int8 QAT+self naive', 'self-resnet8 int8 QAT'],
    ],
  },
  {
    name: 'self-small-n1000',
    description: 'the small CNN from untrained weights at W4A4 on the first 1,000 labels, 8 epochs (as small-n1000): plain QAT against self-distillation + QAT with heads on both conv blocks',
    variants: [
      { name: 'self-small-n1000 QAT', config: `${EXPERIMENTS}/small-w4a4-n1000-qat.distq.json`, command: 'run', metric: 'qatInt8' },
      { name: 'self-small-n1000 QAT+self', config: `${EXPERIMENTS}/small-w4a4-n1000-self.distq.json`, command: 'run', metric: 'qatInt8' },
    ],
    pairs: [['self-small-n1000 QAT+self', 'self-small-n1000 QAT']],
  },
  bitsGroup('examples-w4a4', 'examples/mnist/qat-w4a4 and qat-kd-w4a4 as they are (whatever examples/mnist/cnn.trained.onnx holds now)', EXAMPLES, 'qat-w4a4.distq.json', 'qat-kd-w4a4.distq.json'),
];
