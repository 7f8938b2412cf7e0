/**
 * distq.openExample: copies the bundled MNIST example (its ONNX models and configs) into the
 * workspace and opens the config that runs without a trained teacher, so a newcomer's first run
 * needs nothing else. An existing copy is opened, never overwritten.
 */
import * as vscode from 'vscode';
import type { Notifier } from '../notifier.ts';

/** Where the copy goes, inside the first workspace folder. */
export const EXAMPLE_FOLDER = 'distq-mnist-example';
/** The config that opens: QAT from scratch, no teacher needed. */
export const EXAMPLE_FIRST_CONFIG = 'quickstart.distq.json';

export interface ExampleCommandContext {
  extension: Pick<vscode.ExtensionContext, 'extensionUri'>;
  notifier: Notifier;
}

export function registerExampleCommand(context: ExampleCommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('distq.openExample', () => openExample(context));
}

/** The example's files: models and configs (the script that built the models stays behind). */
function isExampleFile(name: string): boolean {
  return name.endsWith('.onnx') || name.endsWith('.distq.json');
}

/** The repository's configs point at its schema by a relative path; in the copy the extension's own schema applies. */
function withoutSchemaLine(text: string): string {
  return text.replace(/^\s*"\$schema":[^\n]*\n/m, '');
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** Resolves with the opened config, or undefined when no folder is open. */
async function openExample({ extension, notifier }: ExampleCommandContext): Promise<vscode.Uri | undefined> {
  const folder = vscode.workspace.workspaceFolders?.[0];
  if (!folder) {
    void notifier.warn('Open a folder first: DistQ copies its MNIST example into the workspace.');
    return undefined;
  }
  const target = vscode.Uri.joinPath(folder.uri, EXAMPLE_FOLDER);
  if (!(await exists(target))) {
    const source = vscode.Uri.joinPath(extension.extensionUri, 'examples', 'mnist');
    await vscode.workspace.fs.createDirectory(target);
    for (const [name, type] of await vscode.workspace.fs.readDirectory(source)) {
      if (type !== vscode.FileType.File || !isExampleFile(name)) continue;
      const from = vscode.Uri.joinPath(source, name);
      const to = vscode.Uri.joinPath(target, name);
      if (name.endsWith('.json')) {
        const text = new TextDecoder().decode(await vscode.workspace.fs.readFile(from));
        await vscode.workspace.fs.writeFile(to, new TextEncoder().encode(withoutSchemaLine(text)));
      } else {
        await vscode.workspace.fs.copy(from, to);
      }
    }
  }
  const config = vscode.Uri.joinPath(target, EXAMPLE_FIRST_CONFIG);
  await vscode.commands.executeCommand('revealInExplorer', config);
  // Revealing focuses the Explorer; the config's editor keeps the focus, so Run applies to it.
  await vscode.window.showTextDocument(config, { preview: false });
  return config;
}
