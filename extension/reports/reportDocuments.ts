/** Read-only generated documents (run summaries, inspection reports) under the `distq-report` scheme. */
import * as vscode from 'vscode';
import { Disposable } from '../disposable.ts';

export class ReportDocuments extends Disposable implements vscode.TextDocumentContentProvider {
  static readonly scheme = 'distq-report';
  private readonly contents = new Map<string, string>();
  private readonly changeEmitter = this.register(new vscode.EventEmitter<vscode.Uri>());
  readonly onDidChange = this.changeEmitter.event;

  provideTextDocumentContent(uri: vscode.Uri): string {
    return this.contents.get(uri.toString()) ?? 'This report is no longer available: run the command again.';
  }

  /** Shows `content` as a read-only document named `fileName` (its extension picks the language). */
  async show(fileName: string, content: string): Promise<vscode.TextEditor> {
    const uri = vscode.Uri.from({ scheme: ReportDocuments.scheme, path: `/${fileName}` });
    this.contents.set(uri.toString(), content);
    this.changeEmitter.fire(uri);
    const document = await vscode.workspace.openTextDocument(uri);
    return vscode.window.showTextDocument(document, { preview: false });
  }
}
