/** Maps the config's training section to the optimizer and schedule factories' inputs. */
import type { OptimizerConfig as OptimizerSettings, ScheduleConfig as ScheduleSettings } from '../config/distqConfig.ts';
import type { OptimizerConfig } from './optim/factory.ts';
import type { ScheduleConfig } from './optim/schedule.ts';

export function optimizerConfigOf(settings: OptimizerSettings): OptimizerConfig {
  const config: OptimizerConfig = { kind: settings.kind, learningRate: settings.learningRate };
  if (settings.weightDecay !== undefined) config.weightDecay = settings.weightDecay;
  if (settings.kind === 'sgd') {
    config.momentum = settings.momentum;
    if (settings.nesterov !== undefined) config.nesterov = settings.nesterov;
  } else {
    if (settings.betas) config.betas = [settings.betas[0]!, settings.betas[1]!];
    if (settings.eps !== undefined) config.eps = settings.eps;
  }
  return config;
}

export function scheduleConfigOf(settings: ScheduleSettings, epochs: number): ScheduleConfig {
  switch (settings.kind) {
    case 'constant':
      return { kind: 'constant' };
    case 'step':
      return { kind: 'step', everyEpochs: settings.everyEpochs ?? Math.max(1, Math.floor(epochs / 3)), gamma: settings.gamma ?? 0.1 };
    case 'cosine':
      return { kind: 'cosine', warmupSteps: settings.warmupSteps ?? 0, minimumLearningRate: settings.minimumLearningRate ?? 0 };
  }
}
