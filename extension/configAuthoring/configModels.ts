/**
 * The parsed text of open configs and the models they reference, shared by completion,
 * hover and diagnostics. Models are described only in a trusted workspace: describing
 * one runs the engine on a user's file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { ModelDescription } from '../../contracts/engineProtocol.ts';
import type { DescriptionCache, DescriptionResult } from './descriptionCache.ts';
import type { Node as JsonNode } from 'jsonc-parser';
import { parseConfigTree, propertyKeyAt, stringValueAt, type ConfigTree } from './configTree.ts';
import { keySlotAt, modelPathOf, tensorSlotAt, type ModelRole } from './tensorReferences.ts';

/** Every `*.distq.json`, whatever language mode the editor gave it. */
export const CONFIG_SELECTOR: vscode.DocumentSelector = { pattern: '**/*.distq.json' };

export interface ReferencedModel {
  /** The path as the config writes it (for messages). */
  written: string;
  absolute: string;
}

export interface DescribedModel extends ReferencedModel {
  description: ModelDescription;
}

/** Modification time in ms, undefined when the file is missing: what the description cache keys on. */
export async function fileModifiedTime(filePath: string): Promise<number | undefined> {
  try {
    const stat = await fs.promises.stat(filePath);
    return stat.isFile() ? stat.mtimeMs : undefined;
  } catch {
    return undefined;
  }
}

export interface NameAtPosition {
  location: NonNullable<ReturnType<typeof stringValueAt>>;
  slot: NonNullable<ReturnType<typeof tensorSlotAt>>;
  model: DescribedModel;
}

export class ConfigModels {
  private readonly trees = new WeakMap<vscode.TextDocument, { version: number; tree: ConfigTree }>();

  constructor(private readonly cache: DescriptionCache, private readonly isTrusted: () => boolean) {}

  /** The document's JSONC tree, parsed once per version. */
  tree(document: vscode.TextDocument): ConfigTree {
    const cached = this.trees.get(document);
    if (cached?.version === document.version) return cached.tree;
    const tree = parseConfigTree(document.getText());
    this.trees.set(document, { version: document.version, tree });
    return tree;
  }

  /** The model a role refers to, resolved against the config's folder. */
  referencedModel(document: vscode.TextDocument, root: JsonNode | undefined, role: ModelRole): ReferencedModel | undefined {
    const written = modelPathOf(root, role);
    if (!written || document.uri.scheme !== 'file') return undefined;
    return { written, absolute: path.resolve(path.dirname(document.uri.fsPath), written) };
  }

  /** The description of a referenced model, or why there is none; undefined when untrusted. */
  async describe(absolutePath: string): Promise<DescriptionResult | undefined> {
    if (!this.isTrusted()) return undefined;
    return this.cache.get(absolutePath);
  }

  /** The tensor or node name under a position in a mapping, an exclusion list or a key of quantization.layers, with the model it names; undefined elsewhere. */
  async nameAt(document: vscode.TextDocument, position: vscode.Position, token: vscode.CancellationToken): Promise<NameAtPosition | undefined> {
    const tree = this.tree(document);
    const offset = document.offsetAt(position);
    const value = stringValueAt(tree, offset);
    const key = value ? undefined : propertyKeyAt(tree, offset);
    const location = value ?? key;
    const slot = value ? tensorSlotAt(value.path) : key && keySlotAt(key.path);
    if (!location || !slot) return undefined;
    const model = await this.describedModel(document, tree.root, slot.model);
    if (!model || token.isCancellationRequested) return undefined;
    return { location, slot, model };
  }

  /** The described model a role refers to, when it can be read. */
  async describedModel(document: vscode.TextDocument, root: JsonNode | undefined, role: ModelRole): Promise<DescribedModel | undefined> {
    const model = this.referencedModel(document, root, role);
    if (!model) return undefined;
    const result = await this.describe(model.absolute);
    return result && 'description' in result ? { ...model, description: result.description } : undefined;
  }
}
