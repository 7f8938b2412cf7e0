/**
 * How a run's end stays out of the way of the next run. A run's progress is one notification that
 * DistQ closes when the run ends; its outcome ("failed", "stopped", "finished below its goal") is a
 * message with buttons, which the VS Code API cannot close. An error with buttons stays on screen
 * until answered, so starting the same config again would put a new "running" notification beside
 * the old "failed" one. While an outcome of a config is still open (neither answered nor closed),
 * starting that config again first hides the workbench's toasts: the old outcome moves to the
 * notification centre (the bell), where it can still be read and answered, and the new run's
 * progress notification stands alone. No `vscode` here: unit-tested in Node.
 */
export class OpenOutcomeToasts {
  /** Open outcome messages per config path. */
  private readonly open = new Map<string, number>();

  /** A run outcome of `configPath` was shown; `closed` settles when the user answers or closes it. */
  track(configPath: string, closed: PromiseLike<unknown>): void {
    this.open.set(configPath, (this.open.get(configPath) ?? 0) + 1);
    const settle = (): void => {
      const left = (this.open.get(configPath) ?? 1) - 1;
      if (left > 0) this.open.set(configPath, left);
      else this.open.delete(configPath);
    };
    closed.then(settle, settle);
  }

  /** Whether an outcome of this config may still be on screen, so its toast should give way to a new run's. */
  isOpen(configPath: string): boolean {
    return this.open.has(configPath);
  }
}
