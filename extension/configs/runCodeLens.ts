/** "▶ Run QAT + Distillation" at the top of every *.distq.json. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable.ts';

export class RunCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  static readonly selector: vscode.DocumentSelector = { pattern: '**/*.distq.json' };
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    return [new vscode.CodeLens(top, { title: '▶ Run QAT + Distillation', command: 'distq.run', arguments: [document.uri] })];
  }

  /** Asks VS Code to ask again (trust changed). */
  refresh(): void {
    this.changeEmitter.fire();
  }
}
