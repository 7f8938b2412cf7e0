/** Completes tensor and node names in mappings, quantization.exclude and the keys of quantization.layers from the referenced model itself. */
import * as vscode from 'vscode';
import type { ConfigModels } from './configModels.ts';
import { mappableTensors, nodeDetail, nodeMarkdown, nodesOf, tensorDetail, tensorMarkdown } from './tensorFormatting.ts';

/** The text that goes between the quotes (a name with a quote or backslash needs escapes). */
function escapedForString(name: string): string {
  return JSON.stringify(name).slice(1, -1);
}

export class TensorCompletionProvider implements vscode.CompletionItemProvider {
  constructor(private readonly models: ConfigModels) {}

  async provideCompletionItems(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.CompletionList | undefined> {
    const found = await this.models.nameAt(document, position, token);
    if (!found) return undefined;
    const { location, slot, model } = found;

    const start = document.positionAt(location.contentStart);
    const range = { inserting: new vscode.Range(start, position), replacing: new vscode.Range(start, document.positionAt(location.contentEnd)) };
    const order = (i: number): string => String(i).padStart(6, '0');
    const item = (name: string, detail: string, documentation: string, kind: vscode.CompletionItemKind, i: number): vscode.CompletionItem => {
      const completion = new vscode.CompletionItem(name, kind);
      completion.detail = detail;
      completion.documentation = new vscode.MarkdownString(documentation);
      completion.insertText = escapedForString(name);
      completion.filterText = name;
      completion.range = range;
      // Graph order: the order people think of a model's layers in.
      completion.sortText = order(i);
      return completion;
    };
    const items = slot.kind === 'node'
      ? nodesOf(model.description).map((node, i) => item(node.name, nodeDetail(node), nodeMarkdown(node, model.written), vscode.CompletionItemKind.Function, i))
      : mappableTensors(model.description).map((tensor, i) => item(tensor.name, tensorDetail(tensor), tensorMarkdown(tensor, model.written), vscode.CompletionItemKind.Variable, i));
    return new vscode.CompletionList(items, false);
  }
}
