/**
 * Problems-panel diagnostics for open configs: computed (configIssues.ts) shortly after
 * each edit, on open, when workspace trust is granted, and when a file the config names
 * changes on disk (a watcher per referenced file).
 */
import * as path from 'node:path';
import * as vscode from 'vscode';
import { Disposable } from '../disposable.ts';
import { isConfigPath, isRunFolderCopy } from '../configs/configPaths.ts';
import type { DescriptionCache, DescriptionResult } from './descriptionCache.ts';
import { fileModifiedTime, type ConfigModels } from './configModels.ts';
import { computeConfigIssues, referencedFiles, type ConfigIssue, type IssueSeverity } from './configIssues.ts';
import type { ModelRole } from './tensorReferences.ts';

const EDIT_DEBOUNCE_MS = 300;
/** Configs already open at activation are checked a little later: activation starts no engine. */
const FIRST_CHECK_DELAY_MS = 1500;

const SEVERITIES: Record<IssueSeverity, vscode.DiagnosticSeverity> = {
  error: vscode.DiagnosticSeverity.Error,
  warning: vscode.DiagnosticSeverity.Warning,
  information: vscode.DiagnosticSeverity.Information,
};

export interface PublishedIssue {
  diagnostic: vscode.Diagnostic;
  issue: ConfigIssue;
}

/** Configs get diagnostics; a run folder's copy does not (its paths point back at the original's folder). */
function isCheckedConfig(document: vscode.TextDocument): boolean {
  return document.uri.scheme === 'file' && isConfigPath(document.uri.fsPath) && !isRunFolderCopy(document.uri.fsPath);
}

export class ConfigDiagnostics extends Disposable {
  private readonly collection = this.register(vscode.languages.createDiagnosticCollection('distq'));
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** Bumped per validation, so a slow description cannot overwrite newer results. */
  private readonly generations = new Map<string, number>();
  private readonly published = new Map<string, PublishedIssue[]>();
  /** The absolute files each open config names, and one watcher per file. */
  private readonly filesByDocument = new Map<string, Set<string>>();
  private readonly watchers = new Map<string, vscode.Disposable>();

  constructor(private readonly models: ConfigModels, private readonly cache: DescriptionCache, private readonly isTrusted: () => boolean) {
    super();
    this.register(vscode.workspace.onDidOpenTextDocument((document) => this.schedule(document, 0)));
    this.register(vscode.workspace.onDidChangeTextDocument((event) => this.schedule(event.document, EDIT_DEBOUNCE_MS)));
    this.register(vscode.workspace.onDidCloseTextDocument((document) => this.forget(document.uri)));
    this.register(vscode.workspace.onDidGrantWorkspaceTrust(() => this.validateAll()));
    this.register({ dispose: () => this.disposeTimersAndWatchers() });
    const firstCheck = setTimeout(() => this.validateAll(), FIRST_CHECK_DELAY_MS);
    this.register({ dispose: () => clearTimeout(firstCheck) });
  }

  /** What a quick fix needs: the issue behind each diagnostic published for a document. */
  publishedFor(uri: vscode.Uri): readonly PublishedIssue[] {
    return this.published.get(uri.toString()) ?? [];
  }

  private validateAll(): void {
    for (const document of vscode.workspace.textDocuments) this.schedule(document, 0);
  }

  private schedule(document: vscode.TextDocument, delayMs: number): void {
    if (this.isDisposed || !isCheckedConfig(document)) return;
    const key = document.uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.set(key, setTimeout(() => {
      this.timers.delete(key);
      void this.validate(document);
    }, delayMs));
  }

  private async validate(document: vscode.TextDocument): Promise<void> {
    const key = document.uri.toString();
    const generation = (this.generations.get(key) ?? 0) + 1;
    this.generations.set(key, generation);

    const tree = this.models.tree(document);
    const folder = path.dirname(document.uri.fsPath);
    const files = referencedFiles(tree, (relative) => path.resolve(folder, relative));
    const existing = new Set<string>();
    await Promise.all(files.map(async (file) => {
      if ((await fileModifiedTime(file.absolute)) !== undefined) existing.add(file.absolute);
    }));
    const trusted = this.isTrusted();
    const models: Partial<Record<ModelRole, DescriptionResult>> = {};
    await Promise.all(files.map(async (file) => {
      if (file.role === 'data' || !existing.has(file.absolute)) return;
      const result = await this.models.describe(file.absolute);
      if (result) models[file.role] = result;
    }));

    if (this.isDisposed || document.isClosed || this.generations.get(key) !== generation) return;
    const issues = computeConfigIssues({ tree, files, existing, models, trusted });
    const published = issues.map((issue) => ({ issue, diagnostic: toDiagnostic(document, issue) }));
    this.published.set(key, published);
    this.collection.set(document.uri, published.map((p) => p.diagnostic));
    this.watch(key, new Set(files.map((f) => f.absolute)));
  }

  private watch(key: string, files: Set<string>): void {
    this.filesByDocument.set(key, files);
    for (const file of files) {
      if (this.watchers.has(file)) continue;
      const watcher = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(path.dirname(file)), path.basename(file)));
      const changed = (): void => this.fileChanged(file);
      const subscriptions = [watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed), watcher.onDidDelete(changed)];
      this.watchers.set(file, { dispose: () => subscriptions.forEach((s) => s.dispose()) });
    }
    this.dropUnusedWatchers();
  }

  private fileChanged(file: string): void {
    this.cache.invalidate(file);
    for (const document of vscode.workspace.textDocuments) {
      if (this.filesByDocument.get(document.uri.toString())?.has(file)) this.schedule(document, 0);
    }
  }

  private dropUnusedWatchers(): void {
    const used = new Set([...this.filesByDocument.values()].flatMap((files) => [...files]));
    for (const [file, watcher] of this.watchers) {
      if (used.has(file)) continue;
      watcher.dispose();
      this.watchers.delete(file);
    }
  }

  private forget(uri: vscode.Uri): void {
    const key = uri.toString();
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.generations.delete(key);
    this.published.delete(key);
    this.filesByDocument.delete(key);
    this.collection.delete(uri);
    this.dropUnusedWatchers();
  }

  private disposeTimersAndWatchers(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    for (const watcher of this.watchers.values()) watcher.dispose();
    this.watchers.clear();
  }
}

function toDiagnostic(document: vscode.TextDocument, issue: ConfigIssue): vscode.Diagnostic {
  const range = new vscode.Range(document.positionAt(issue.start), document.positionAt(issue.end));
  const diagnostic = new vscode.Diagnostic(range, issue.message, SEVERITIES[issue.severity]);
  diagnostic.source = 'DistQ';
  diagnostic.code = issue.code;
  return diagnostic;
}
