/** Config authoring: the New Config command, and IntelliSense (tensor names, file paths), diagnostics and quick fixes for *.distq.json. */
import * as vscode from 'vscode';
import type { ModelDescriptionSource } from './modelDescriptions.ts';
import type { ModelEvaluationSource } from './studentReading.ts';
import { DescriptionCache } from './descriptionCache.ts';
import { CONFIG_SELECTOR, ConfigModels, fileModifiedTime } from './configModels.ts';
import { ConfigDiagnostics } from './configDiagnostics.ts';
import { TensorCompletionProvider } from './tensorCompletionProvider.ts';
import { TensorHoverProvider } from './tensorHoverProvider.ts';
import { UnknownNameQuickFix } from './unknownNameQuickFix.ts';
import { FilePathCompletionProvider } from './filePathCompletionProvider.ts';
import { MissingFileQuickFix } from './missingFileQuickFix.ts';
import { runNewConfig } from './newConfigCommand.ts';

export interface ConfigAuthoringOptions {
  /** Workspace Trust: untrusted, no model is described (the engine does not run). */
  isTrusted(): boolean;
}

/** `options` defaults to VS Code's own trust state (so a caller that passes none still gets it right). */
export function registerConfigAuthoring(context: vscode.ExtensionContext, engine: ModelDescriptionSource & ModelEvaluationSource, options: ConfigAuthoringOptions = { isTrusted: () => vscode.workspace.isTrusted }): void {
  const isTrusted = (): boolean => options.isTrusted();
  const cache = new DescriptionCache(engine, fileModifiedTime);
  const models = new ConfigModels(cache, isTrusted);
  const diagnostics = new ConfigDiagnostics(models, cache, isTrusted);
  context.subscriptions.push(
    diagnostics,
    vscode.commands.registerCommand('distq.newConfig', (target?: unknown, seam?: unknown) => runNewConfig(target, seam, { cache, evaluations: engine, isTrusted })),
    // The quote starts a string value: offer names as soon as it is typed.
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new TensorCompletionProvider(models), '"'),
    vscode.languages.registerCompletionItemProvider(CONFIG_SELECTOR, new FilePathCompletionProvider(models), '"', '/'),
    vscode.languages.registerHoverProvider(CONFIG_SELECTOR, new TensorHoverProvider(models)),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new UnknownNameQuickFix(diagnostics), { providedCodeActionKinds: UnknownNameQuickFix.providedCodeActionKinds }),
    vscode.languages.registerCodeActionsProvider(CONFIG_SELECTOR, new MissingFileQuickFix(), { providedCodeActionKinds: MissingFileQuickFix.providedCodeActionKinds }),
  );
}
