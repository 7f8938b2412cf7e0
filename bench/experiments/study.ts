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
const EXPERIMENTS = 'bench/experiments';

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

export const STUDY: StudyGroup[] = [
  bitsGroup('w4a4', 'the demo\'s W4A4 configs as they are (student = trained CNN, 8,000 labels, 3 epochs)', EXAMPLES, 'qat-w4a4.distq.json', 'qat-kd-w4a4.distq.json'),
  bitsGroup('w3a3', 'W3A3, otherwise as the demo', EXPERIMENTS, 'w3a3-qat.distq.json', 'w3a3-kd.distq.json'),
  bitsGroup('w2a4', '2-bit weights, 4-bit activations, otherwise as the demo', EXPERIMENTS, 'w2a4-qat.distq.json', 'w2a4-kd.distq.json'),
  bitsGroup('w4a2', '4-bit weights, 2-bit activations, otherwise as the demo', EXPERIMENTS, 'w4a2-qat.distq.json', 'w4a2-kd.distq.json'),
];
