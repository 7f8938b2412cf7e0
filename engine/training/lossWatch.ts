/**
 * Notices a loss that explodes without becoming infinite (a collapse that would
 * otherwise train on and export a broken model): a value far above the recent
 * typical loss, well above anything seen at the start of training, and above the
 * loss of a model that knows nothing (`floor`, ln(classes) for cross-entropy). So a
 * hard batch late in training, when the typical loss is tiny, does not count, nor
 * one while fine-tuning a trained model whose loss was tiny from the first step.
 */

export const EXPLOSION_FACTOR = 50;
/** How far above the largest of the first losses an explosion must also be. */
export const START_FACTOR = 10;
/** Within the first steps, before a typical loss exists: how far above the first step's loss is an explosion. */
export const EARLY_EXPLOSION_FACTOR = 1e6;
const WINDOW = 50;
export const MIN_HISTORY = 20;

export class LossWatch {
  private readonly recent: number[] = [];
  private startMax = 0;
  private seen = 0;
  private first: number | undefined;

  /** `floor`: a loss at or below it is never an explosion. */
  constructor(private readonly floor = 0) {}

  /**
   * Within the first MIN_HISTORY steps, where `observe` has no typical loss yet: returns the first
   * step's loss when this one is more than EARLY_EXPLOSION_FACTOR times it (a learning rate far too
   * high), or undefined. Call it before `observe` with the same loss.
   */
  earlyExplosion(loss: number): number | undefined {
    if (this.first === undefined || this.seen >= MIN_HISTORY) return undefined;
    const reference = Math.max(Math.abs(this.first), Number.MIN_VALUE);
    return Math.abs(loss) > EARLY_EXPLOSION_FACTOR * reference && loss > this.floor ? this.first : undefined;
  }

  /** Records a finite loss; returns the typical loss it exploded from, or undefined when it is fine. */
  observe(loss: number): number | undefined {
    if (this.seen >= MIN_HISTORY) {
      const typical = median(this.recent);
      if (typical > 0 && loss > EXPLOSION_FACTOR * typical && loss > START_FACTOR * this.startMax && loss > this.floor) return typical;
    } else {
      this.startMax = Math.max(this.startMax, Math.abs(loss));
    }
    this.first ??= loss;
    this.seen += 1;
    this.recent.push(loss);
    if (this.recent.length > WINDOW) this.recent.shift();
    return undefined;
  }
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
