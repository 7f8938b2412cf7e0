/**
 * distq.inspectModel: calibrate and quantize an .onnx (PTQ) on MNIST or an .npz and
 * show its per-layer error in the layers panel.
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { EngineClient } from '../engine/engineClient.ts';
import { oneLine } from '../engine/engineErrors.ts';
import type { Notifier } from '../notifier.ts';
import { openLayers } from '../panels/panels.ts';
import { requireTrust } from '../trust.ts';
import { precisionLabel } from '../../contracts/quantizationScheme.ts';

export interface InspectCommandContext {
  /** What the panels need of the extension: its folder (for the webview bundle) and subscriptions. */
  extension: Pick<vscode.ExtensionContext, 'extensionUri' | 'subscriptions'>;
  client: EngineClient;
  notifier: Notifier;
}

/** Answers given up front (tests, other commands) instead of asking. */
export interface InspectChoices {
  data?: string;
  bits?: string;
}

const bitChoice = (weightBits: number, activationBits: number, description: string): vscode.QuickPickItem & { weightBits: number; activationBits: number } =>
  ({ label: precisionLabel(weightBits, activationBits), description, weightBits, activationBits });

const BIT_CHOICES = [
  bitChoice(8, 8, 'INT8 weights and activations'),
  bitChoice(4, 8, '4-bit weights, 8-bit activations'),
  bitChoice(4, 4, '4-bit weights and activations'),
];

function choicesOf(value: unknown): InspectChoices {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return {};
  const { data, bits } = value as Record<string, unknown>;
  return { data: typeof data === 'string' ? data : undefined, bits: typeof bits === 'string' ? bits : undefined };
}

export function registerInspectCommand(context: InspectCommandContext): vscode.Disposable {
  return vscode.commands.registerCommand('distq.inspectModel', (model?: unknown, choices?: unknown) => inspect(context, model instanceof vscode.Uri ? model : undefined, choicesOf(choices)));
}

async function inspect({ extension, client, notifier }: InspectCommandContext, given: vscode.Uri | undefined, choices: InspectChoices): Promise<boolean> {
  if (!requireTrust(notifier, 'Inspecting a model')) return false;
  const model = given ?? (await pickModel(notifier));
  if (!model) return false;
  const data = choices.data ?? (await pickData(model));
  if (!data) return false;
  const bits = BIT_CHOICES.find((choice) => choice.label === choices.bits) ?? (await vscode.window.showQuickPick([...BIT_CHOICES], { placeHolder: 'Which quantization?' }));
  if (!bits) return false;
  const modelName = path.basename(model.fsPath);
  try {
    const report = await vscode.window.withProgress(
      { location: vscode.ProgressLocation.Notification, title: `DistQ: inspecting ${modelName} at ${bits.label}…` },
      () => client.inspect({ modelPath: model.fsPath, data, weightBits: bits.weightBits, activationBits: bits.activationBits }),
    );
    openLayers(extension, { kind: 'inspect', report });
    return true;
  } catch (error) {
    void notifier.error(`Inspecting ${modelName} failed: ${oneLine(error)}`, 'Show Log').then((choice) => {
      if (choice) void vscode.commands.executeCommand('distq.showLog');
    });
    return false;
  }
}

async function pickModel(notifier: Notifier): Promise<vscode.Uri | undefined> {
  const models = await vscode.workspace.findFiles('**/*.onnx', '**/node_modules/**', 1000);
  if (models.length === 0) {
    void notifier.info('This workspace has no .onnx model to inspect.');
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(
    models.sort((a, b) => a.fsPath.localeCompare(b.fsPath)).map((uri) => ({ label: path.basename(uri.fsPath), description: vscode.workspace.asRelativePath(uri, true), uri })),
    { placeHolder: 'Which model to inspect?', matchOnDescription: true },
  );
  return picked?.uri;
}

async function pickData(model: vscode.Uri): Promise<string | undefined> {
  const mnist = { label: 'Built-in MNIST', description: '28×28 digits, 10 classes', value: 'mnist' };
  const spam = { label: 'Built-in SpamAssassin', description: 'ham vs spam mail, tokenized to the model\'s input_ids', value: 'spamassassin' };
  const npz = { label: 'An .npz file…', description: 'x_train, y_train, … or train_input_ids, train_attention_mask, …', value: '' };
  const picked = await vscode.window.showQuickPick([mnist, spam, npz], { placeHolder: 'Calibrate and evaluate on which data?' });
  if (!picked) return undefined;
  if (picked.value) return picked.value;
  const files = await vscode.window.showOpenDialog({
    canSelectMany: false, openLabel: 'Use this data', filters: { 'NumPy archive': ['npz'] }, defaultUri: vscode.Uri.file(path.dirname(model.fsPath)),
  });
  return files?.[0]?.fsPath;
}
