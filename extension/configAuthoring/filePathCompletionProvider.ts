/** Completes the file a setting names (`model.path`, `teacher.path`, the data's files) from the files beside the config. */
import * as vscode from 'vscode';
import type { ConfigModels } from './configModels.ts';
import { stringAt, stringValueAt } from './configTree.ts';
import { fileExtensionAt } from './filePathSlots.ts';
import { filesBesideConfig } from './filesBesideConfig.ts';

export class FilePathCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly models: ConfigModels) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    if (document.uri.scheme !== 'file') return undefined;
    const tree = this.models.tree(document);
    const location = stringValueAt(tree, document.offsetAt(position));
    const extension = location && fileExtensionAt(location.path, stringAt(tree.root, ['data', 'kind']));
    if (!location || !extension) return undefined;
    const files = await filesBesideConfig(document.uri, extension, token);
    const range = { inserting: new vscode.Range(document.positionAt(location.contentStart), position), replacing: new vscode.Range(document.positionAt(location.contentStart), document.positionAt(location.contentEnd)) };
    const items = files.map((file) => {
      const item = new vscode.CompletionItem(file, vscode.CompletionItemKind.File);
      item.insertText = JSON.stringify(file).slice(1, -1);
      item.range = range;
      item.detail = `relative to ${document.uri.path.split('/').at(-1) ?? 'this config'}`;
      return item;
    });
    return new vscode.CompletionList(items, false);
  }
}
