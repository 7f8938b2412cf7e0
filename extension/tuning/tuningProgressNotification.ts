/** The cancellable progress notification of one tuning: a line per measured trial; cancelling it (Stop) stops the tuning. */
import * as vscode from 'vscode';

type ProgressSink = vscode.Progress<{ message?: string; increment?: number }>;

export class TuningProgressNotification {
  private sink: ProgressSink | undefined;
  private latest: { message: string; increment?: number } | undefined;
  private finish: (() => void) | undefined;
  private ended = false;
  private reported = 0;

  constructor(title: string, onStop: () => void) {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      this.sink = progress;
      token.onCancellationRequested(onStop);
      if (this.latest) progress.report(this.latest);
      return new Promise<void>((resolve) => {
        if (this.ended) resolve();
        else this.finish = resolve;
      });
    });
  }

  /** Shows `message`; `done` of `total` trials fills the bar. */
  report(message: string, done?: number, total?: number): void {
    let increment: number | undefined;
    if (done !== undefined && total !== undefined && total > 0) {
      const percent = Math.min(100, (100 * done) / total);
      increment = Math.max(0, percent - this.reported);
      this.reported = Math.max(this.reported, percent);
    }
    this.latest = { message, ...(increment === undefined ? {} : { increment }) };
    this.sink?.report(this.latest);
  }

  /** Closes the notification. */
  end(): void {
    this.ended = true;
    this.finish?.();
  }
}
