/** Quick fix for a file that does not exist: the nearest file of the same kind beside the config. */
import * as vscode from 'vscode';
import { replaceWithAction } from './replaceQuickFix.ts';
import { nearestName } from '../../contracts/nearestName.ts';
import { filesBesideConfig } from './filesBesideConfig.ts';

export class MissingFileQuickFix implements vscode.CodeActionProvider {
  static readonly providedCodeActionKinds = [vscode.CodeActionKind.QuickFix];

  async provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext, token: vscode.CancellationToken): Promise<vscode.CodeAction[]> {
    const actions: vscode.CodeAction[] = [];
    for (const diagnostic of context.diagnostics) {
      if (diagnostic.source !== 'DistQ' || diagnostic.code !== 'missing-file') continue;
      const written = writtenString(document.getText(diagnostic.range));
      if (written === undefined) continue;
      const extension = /\.[A-Za-z0-9]+$/.exec(written)?.[0];
      if (!extension) continue;
      const suggestion = nearestName(written, await filesBesideConfig(document.uri, extension, token));
      if (!suggestion || suggestion === written) continue;
      actions.push(replaceWithAction(document, diagnostic, suggestion));
    }
    return actions;
  }
}

/** The string a JSON string literal holds, or undefined when the text is not one. */
function writtenString(literal: string): string | undefined {
  try {
    const value: unknown = JSON.parse(literal);
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
