/** Words and numbers for a run's progress: the notification, the status bar, the ETA. */
import type { RunProgressParams } from '../../contracts/engineProtocol.ts';

/** Seconds as m:ss, or h:mm:ss from an hour on; rounds to whole seconds. */
export function formatDuration(seconds: number): string {
  const total = Math.max(0, Math.round(seconds));
  const hours = Math.floor(total / 3600);
  const minutes = Math.floor((total % 3600) / 60);
  const secs = total % 60;
  const mmss = `${hours > 0 ? String(minutes).padStart(2, '0') : minutes}:${String(secs).padStart(2, '0')}`;
  return hours > 0 ? `${hours}:${mmss}` : mmss;
}

/** A loss with three significant decimals, switching to exponent form for tiny or huge values. */
export function formatLoss(loss: number): string {
  if (!Number.isFinite(loss)) return String(loss);
  const magnitude = Math.abs(loss);
  if (magnitude !== 0 && (magnitude < 0.001 || magnitude >= 10_000)) return loss.toExponential(2);
  return loss.toFixed(3);
}

const PHASE_WORDS: Record<string, string> = {
  prepare: 'preparing',
  calibrate: 'calibrating',
  analyse: 'analysing layers',
  export: 'exporting INT8',
  train: 'training',
  headWarmup: 'warming up the auxiliary heads',
};

function phaseWords(phase: string): string {
  return PHASE_WORDS[phase] ?? phase;
}

/** The parts both texts share: "epoch 2/3", "loss 0.123", "ETA 0:42"; or the phase outside training. */
function progressParts(progress: RunProgressParams, withSteps: boolean): string[] {
  if (progress.phase !== 'train' || progress.epoch === undefined) return [`${phaseWords(progress.phase)}…`];
  const parts = [`epoch ${progress.epoch}${progress.epochs !== undefined ? `/${progress.epochs}` : ''}`];
  if (withSteps && progress.step !== undefined) parts.push(`step ${progress.step}${progress.steps !== undefined ? `/${progress.steps}` : ''}`);
  if (progress.loss !== undefined) parts.push(`loss ${formatLoss(progress.loss)}`);
  if (progress.etaSeconds !== undefined && Number.isFinite(progress.etaSeconds)) parts.push(`ETA ${formatDuration(progress.etaSeconds)}`);
  return parts;
}

/** The progress notification's message: "epoch 2/3 · step 40/125 · loss 0.123 · ETA 0:42". */
export function progressMessage(progress: RunProgressParams): string {
  return progressParts(progress, true).join(' · ');
}

/** The status bar item: "$(sync~spin) DistQ epoch 2/3 · loss 0.123 · ETA 0:42". */
export function statusBarText(progress: RunProgressParams | undefined, stopping = false): string {
  if (stopping) return '$(sync~spin) DistQ stopping…';
  if (!progress) return '$(sync~spin) DistQ starting…';
  return `$(sync~spin) DistQ ${progressParts(progress, false).join(' · ')}`;
}

/**
 * How far training is, in [0, 1]: epochs and steps done over all of them. Undefined
 * outside training (preparation and export have no measurable length).
 */
export function trainingFraction(progress: RunProgressParams): number | undefined {
  const { epoch, epochs, step, steps } = progress;
  if (progress.phase !== 'train' || epoch === undefined || !epochs || step === undefined || !steps) return undefined;
  const done = (epoch - 1) * steps + step;
  return Math.min(1, Math.max(0, done / (epochs * steps)));
}

/**
 * Tracks what part of a progress bar was reported, because `Progress.report` takes
 * increments; returns the percentage to add (never negative: a resumed run starts
 * later, not earlier).
 */
export class ProgressIncrements {
  private reported = 0;

  next(progress: RunProgressParams): number | undefined {
    const fraction = trainingFraction(progress);
    if (fraction === undefined) return undefined;
    const percent = 100 * fraction;
    const increment = percent - this.reported;
    if (increment <= 0) return undefined;
    this.reported = percent;
    return increment;
  }
}
