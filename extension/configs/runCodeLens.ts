/**
 * "▶ Run QAT + Distillation" at the top of every *.distq.json, and "Tune to an Accuracy Target"
 * beside it on configs with a `tuning` section: the section is where the user states the target, so
 * the lens appears where tuning was asked for (the palette and the runs view offer it for any config).
 */
import * as vscode from 'vscode';
import { Disposable } from '../disposable.ts';
import { hasTuningSection } from '../tuning/tuningSection.ts';

export class RunCodeLensProvider extends Disposable implements vscode.CodeLensProvider {
  static readonly selector: vscode.DocumentSelector = { pattern: '**/*.distq.json' };
  private readonly changeEmitter = this.register(new vscode.EventEmitter<void>());
  readonly onDidChangeCodeLenses = this.changeEmitter.event;

  provideCodeLenses(document: vscode.TextDocument): vscode.CodeLens[] {
    const top = new vscode.Range(0, 0, 0, 0);
    const lenses = [new vscode.CodeLens(top, { title: '▶ Run QAT + Distillation', command: 'distq.run', arguments: [document.uri] })];
    if (hasTuningSection(document.getText())) {
      lenses.push(new vscode.CodeLens(top, { title: 'Tune to an Accuracy Target', tooltip: 'Tune the latest finished run of this config until its INT8 accuracy meets the tuning target', command: 'distq.tune', arguments: [document.uri] }));
    }
    return lenses;
  }

  /** Asks VS Code to ask again (trust changed). */
  refresh(): void {
    this.changeEmitter.fire();
  }
}
