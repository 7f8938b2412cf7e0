/** The quick fix that puts a suggested name in place of the string a diagnostic marks. */
import * as vscode from 'vscode';

export function replaceWithAction(document: vscode.TextDocument, diagnostic: vscode.Diagnostic, suggestion: string): vscode.CodeAction {
  const action = new vscode.CodeAction(`Replace with '${suggestion}'`, vscode.CodeActionKind.QuickFix);
  action.edit = new vscode.WorkspaceEdit();
  action.edit.replace(document.uri, diagnostic.range, JSON.stringify(suggestion));
  action.diagnostics = [diagnostic];
  action.isPreferred = true;
  return action;
}
