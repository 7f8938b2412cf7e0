/** The status bar item while a run goes; clicking it stops the run. */
import * as vscode from 'vscode';
import type { RunProgressParams } from '../../contracts/engineProtocol.ts';
import { Disposable } from '../disposable.ts';
import { statusBarText } from './progressText.ts';

export class RunStatusBar extends Disposable {
  private readonly item = this.register(vscode.window.createStatusBarItem('distq.run', vscode.StatusBarAlignment.Left, 10));

  constructor() {
    super();
    this.item.name = 'DistQ Run';
    this.item.command = 'distq.stop';
  }

  show(runName: string, progress: RunProgressParams | undefined, stopping: boolean): void {
    this.item.text = statusBarText(progress, stopping);
    this.item.tooltip = stopping ? `Stopping DistQ run ${runName}…` : `DistQ run ${runName}: click to stop it (its last checkpoint is kept)`;
    this.item.show();
  }

  hide(): void {
    this.item.hide();
  }
}
