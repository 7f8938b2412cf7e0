/**
 * How many engine crashes the client tolerates: more than `maxRestarts` crashes
 * within the window means something is persistently wrong, so restarting again
 * would only hide it.
 */
export const CRASH_WINDOW_MS = 3 * 60 * 1000;

export class RestartPolicy {
  private crashes: number[] = [];

  constructor(private readonly maxRestarts: () => number, private readonly windowMs = CRASH_WINDOW_MS) {}

  /** Records a crash at `now`; returns whether the engine may be restarted afterwards. */
  recordCrash(now: number): boolean {
    this.crashes = this.recentCrashes(now);
    this.crashes.push(now);
    return this.mayRestart(now);
  }

  mayRestart(now: number): boolean {
    return this.recentCrashes(now).length <= Math.max(0, this.maxRestarts());
  }

  /** Crashes inside the window ending at `now`. */
  crashCount(now: number): number {
    return this.recentCrashes(now).length;
  }

  /** Forgets past crashes, when the user asks to try again. */
  reset(): void {
    this.crashes = [];
  }

  private recentCrashes(now: number): number[] {
    return this.crashes.filter((at) => now - at < this.windowMs);
  }
}
