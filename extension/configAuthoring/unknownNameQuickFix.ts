/** Quick fix for an unknown tensor or node name: put the nearest real name in its place. */
import * as vscode from 'vscode';
import { replaceWithAction } from './replaceQuickFix.ts';
import type { ConfigDiagnostics } from './configDiagnostics.ts';

export class UnknownNameQuickFix implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  constructor(private readonly diagnostics: ConfigDiagnostics) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const published = this.diagnostics.publishedFor(document.uri);
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'DistQ' || diagnostic.code !== 'unknown-name') continue;
      // The context's diagnostics are copies: find the issue behind one by range and message.
      const match = published.find((p) => p.diagnostic.range.isEqual(diagnostic.range) && p.diagnostic.message === diagnostic.message);
      const suggestion = match?.issue.suggestion;
      if (!suggestion) continue;
      actions.push(replaceWithAction(document, diagnostic, suggestion));
    }
    return actions;
  }
}
