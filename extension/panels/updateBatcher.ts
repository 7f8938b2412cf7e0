/**
 * Coalesces "something changed" signals into at most one flush per interval, so a
 * webview gets a few messages a second however fast the engine reports. The first
 * change after a quiet period flushes at once; later ones wait for the interval.
 */
export class UpdateBatcher {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlush = -Infinity;
  private disposed = false;

  constructor(
    private readonly flush: () => void,
    readonly intervalMs = 250,
    private readonly now: () => number = () => Date.now(),
  ) {}

  /** Asks for a flush no sooner than `intervalMs` after the previous one. */
  schedule(): void {
    if (this.disposed || this.timer !== undefined) return;
    const wait = Math.max(0, this.lastFlush + this.intervalMs - this.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.lastFlush = this.now();
      if (!this.disposed) this.flush();
    }, wait);
  }

  dispose(): void {
    this.disposed = true;
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}
