/** Shows the shape and producing op of a tensor (or node) named in a mapping, quantization.exclude or a key of quantization.layers. */
import * as vscode from 'vscode';
import type { ConfigModels } from './configModels.ts';
import { nodeMarkdown, nodesOf, tensorMarkdown } from './tensorFormatting.ts';

export class TensorHoverProvider implements vscode.HoverProvider {
  constructor(private readonly models: ConfigModels) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<vscode.Hover | undefined> {
    const found = await this.models.nameAt(document, position, token);
    if (!found) return undefined;
    const { location, slot, model } = found;
    const name = location.node.value as string;
    let markdown: string | undefined;
    if (slot.kind === 'node') {
      const node = nodesOf(model.description).find((n) => n.name === name);
      markdown = node && nodeMarkdown(node, model.written);
    } else {
      const tensor = model.description.tensors.find((t) => t.name === name);
      markdown = tensor && tensorMarkdown(tensor, model.written);
    }
    if (!markdown) return undefined;
    const range = new vscode.Range(document.positionAt(location.node.offset), document.positionAt(location.node.offset + location.node.length));
    return new vscode.Hover(new vscode.MarkdownString(markdown), range);
  }
}
