/** The cancellable progress notification of one run; cancelling it stops the run. */
import * as vscode from 'vscode';
import type { RunProgressParams } from '../../contracts/engineProtocol.ts';
import { ProgressIncrements, progressMessage } from './progressText.ts';

type ProgressSink = vscode.Progress<{ message?: string; increment?: number }>;

export class RunProgressNotification {
  private sink: ProgressSink | undefined;
  private latest: RunProgressParams | undefined;
  private finish: (() => void) | undefined;
  private ended = false;
  private readonly increments = new ProgressIncrements();

  constructor(title: string, onCancel: () => void) {
    void vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title, cancellable: true }, (progress, token) => {
      this.sink = progress;
      token.onCancellationRequested(onCancel);
      if (this.latest) this.report(this.latest);
      return new Promise<void>((resolve) => {
        if (this.ended) resolve();
        else this.finish = resolve;
      });
    });
  }

  report(progress: RunProgressParams): void {
    this.latest = progress;
    this.sink?.report({ message: progressMessage(progress), increment: this.increments.next(progress) });
  }

  stopping(): void {
    this.sink?.report({ message: 'stopping after the current step…' });
  }

  /** Closes the notification. */
  end(): void {
    this.ended = true;
    this.finish?.();
  }
}
