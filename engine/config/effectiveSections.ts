/**
 * The sections a run uses when a config, or code calling the engine, leaves them out or gives only
 * some of their fields: parsed, so the schema's defaults fill them in and nothing restates them.
 */
import { distillationSection, quantizationSection, trainingSection, type DistillationConfig, type QuantizationConfig, type QuantizationSettings, type TrainingConfig } from './distqConfig.ts';
import { parseSection } from './loadConfig.ts';

/** The quantization settings a run uses; throws a ConfigError naming `source` on a bad value. */
export function effectiveQuantization(section: QuantizationSettings | undefined, source = 'quantization settings'): QuantizationConfig {
  return parseSection(quantizationSection, section ?? {}, 'quantization', source);
}

/** The distillation settings a run uses: without a `kind`, knowledge distillation when there is a teacher and plain QAT otherwise. */
export function effectiveDistillation(section: Partial<DistillationConfig> | undefined, hasTeacher: boolean, source = 'distillation settings'): DistillationConfig {
  return parseSection(distillationSection, { kind: hasTeacher ? 'kd' : 'none', ...section }, 'distillation', source);
}

/** The training section's defaults, for entry points that have no config file (the hooks API, inspect, the demo). */
export const TRAINING_DEFAULTS: TrainingConfig = parseSection(trainingSection, {}, 'training', 'training defaults');
