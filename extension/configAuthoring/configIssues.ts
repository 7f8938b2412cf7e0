/**
 * What is wrong with a config beyond its schema: files that do not exist, tensor and
 * node names the models do not have, mapped shapes no matcher bridges, distillation
 * kinds without what they need. Computed from the parsed text, which files exist and
 * the models' descriptions; offsets locate each issue in the text.
 */
import type { ModelDescription, TensorDescription } from '../../contracts/engineProtocol.ts';
import type { DescriptionResult } from './descriptionCache.ts';
import { findNodeAtLocation, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import { isClosedString, stringAt, type ConfigTree } from './configTree.ts';
import { matcherProblem } from '../../contracts/matcherShapes.ts';
import { DATA_FILE_FIELDS } from './filePathSlots.ts';
import { lossKind } from '../../contracts/losses.ts';
import { nearestName } from '../../contracts/nearestName.ts';
import { collectTensorReferences, type ModelRole, type TensorReference } from './tensorReferences.ts';

export type IssueSeverity = 'error' | 'warning' | 'information';

export type IssueCode = 'unknown-name' | 'unbridgeable-shapes' | 'missing-file' | 'unreadable-model' | 'invalid-combination' | 'untrusted';

export interface ConfigIssue {
  start: number;
  end: number;
  severity: IssueSeverity;
  code: IssueCode;
  message: string;
  /** For an unknown name: the real name a quick fix puts in its place. */
  suggestion?: string;
}

export interface ReferencedFile {
  /** `model` and `teacher` are ONNX models; `data` are .npz/.npy files. */
  role: ModelRole | 'data';
  /** The string node holding the path as written. */
  node: JsonNode;
  written: string;
  absolute: string;
}

/** Every file the config names, resolved against its folder with `resolve` (path.resolve). */
export function referencedFiles(tree: ConfigTree, resolve: (relative: string) => string): ReferencedFile[] {
  const files: ReferencedFile[] = [];
  const add = (role: ReferencedFile['role'], path: JSONPath): void => {
    const node = tree.root && findNodeAtLocation(tree.root, path);
    const written: unknown = node?.value;
    if (node && isClosedString(tree, node) && typeof written === 'string' && written) {
      files.push({ role, node, written, absolute: resolve(written) });
    }
  };
  add('student', ['model', 'path']);
  add('teacher', ['teacher', 'path']);
  const dataKind = stringAt(tree.root, ['data', 'kind']);
  for (const field of Object.keys(DATA_FILE_FIELDS[dataKind ?? ''] ?? {})) add('data', ['data', field]);
  return files;
}

export interface IssuesInput {
  tree: ConfigTree;
  files: readonly ReferencedFile[];
  /** Absolute paths of the referenced files that exist. */
  existing: ReadonlySet<string>;
  /** Descriptions of the student and teacher; absent when not described (untrusted, missing file). */
  models: Partial<Record<ModelRole, DescriptionResult>>;
  trusted: boolean;
}

export const UNTRUSTED_MESSAGE = 'DistQ does not read models in an untrusted workspace (no engine runs), so tensor names and shapes are not checked. Trust the workspace to check them.';

function rangeOf(node: JsonNode): { start: number; end: number } {
  return { start: node.offset, end: node.offset + node.length };
}

function describedModel(input: IssuesInput, role: ModelRole): ModelDescription | undefined {
  const result = input.models[role];
  return result && 'description' in result ? result.description : undefined;
}

function modelFileLabel(input: IssuesInput, role: ModelRole): string {
  return input.files.find((f) => f.role === role)?.written ?? role;
}

function fileIssues(input: IssuesInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  for (const file of input.files) {
    if (!input.existing.has(file.absolute)) {
      issues.push({ ...rangeOf(file.node), severity: 'error', code: 'missing-file', message: `${file.written} does not exist (resolved against this config's folder: ${file.absolute})` });
      continue;
    }
    if (file.role === 'data') continue;
    const result = input.models[file.role];
    if (result && 'error' in result) {
      issues.push({ ...rangeOf(file.node), severity: 'warning', code: 'unreadable-model', message: `DistQ could not read ${file.written}: ${result.error}` });
    }
  }
  return issues;
}

function combinationIssues(root: JsonNode | undefined): ConfigIssue[] {
  const distillation = root && findNodeAtLocation(root, ['distillation']);
  if (!root || distillation?.type !== 'object') return [];
  const kindNode = findNodeAtLocation(distillation, ['kind']);
  const kind = stringAt(distillation, ['kind']) ?? 'kd';
  const at = kindNode ?? distillation;
  const issues: ConfigIssue[] = [];
  const issue = (message: string): void => {
    issues.push({ ...rangeOf(at), severity: 'error', code: 'invalid-combination', message });
  };
  const hasTeacher = findNodeAtLocation(root, ['teacher']) !== undefined;
  if ((kind === 'kd' || kind === 'intermediate') && !hasTeacher) issue(`distillation.kind '${kind}' needs a teacher: add a "teacher": { "path": … } section`);
  const nonEmpty = (key: string): boolean => {
    const list = findNodeAtLocation(distillation, [key]);
    return list?.type === 'array' && (list.children ?? []).length > 0;
  };
  if (kind === 'intermediate' && !nonEmpty('layerMappings')) issue('intermediate-layer distillation needs at least one entry in distillation.layerMappings');
  if (kind === 'self' && !nonEmpty('selfMappings')) issue('self-distillation needs at least one pair in distillation.selfMappings');
  return issues;
}

function namesOf(model: ModelDescription, kind: 'tensor' | 'node'): { known: Set<string>; suggestible: string[] } {
  if (kind === 'node') {
    const nodes = [...new Set(model.tensors.map((t) => t.node).filter(Boolean))];
    return { known: new Set(nodes), suggestible: nodes };
  }
  // Any tensor name is valid; suggestions skip weights, which are never what a mapping means.
  return { known: new Set(model.tensors.map((t) => t.name)), suggestible: model.tensors.filter((t) => t.producer !== 'initializer').map((t) => t.name) };
}

function nameIssue(input: IssuesInput, reference: TensorReference): ConfigIssue | undefined {
  const model = describedModel(input, reference.slot.model);
  if (!model || !isClosedString(input.tree, reference.node)) return undefined;
  const { known, suggestible } = namesOf(model, reference.slot.kind);
  if (known.has(reference.name)) return undefined;
  const suggestion = nearestName(reference.name, suggestible);
  const file = modelFileLabel(input, reference.slot.model);
  const what = reference.slot.kind === 'node' ? 'a node' : 'a tensor';
  const message = `'${reference.name}' is not ${what} of ${file}${suggestion ? `; did you mean '${suggestion}'?` : ''}`;
  return { ...rangeOf(reference.node), severity: 'error', code: 'unknown-name', message, ...(suggestion ? { suggestion } : {}) };
}

function tensorOf(model: ModelDescription | undefined, name: string | undefined): TensorDescription | undefined {
  return name === undefined ? undefined : model?.tensors.find((t) => t.name === name);
}

function shapeIssues(input: IssuesInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const student = describedModel(input, 'student');
  const teacher = describedModel(input, 'teacher');
  const check = (element: JsonNode, a: TensorDescription | undefined, b: TensorDescription | undefined, roles: readonly [string, string], label: string): void => {
    if (!a?.shape || !b?.shape) return;
    const problem = matcherProblem(a.shape, b.shape, roles);
    if (problem) issues.push({ ...rangeOf(element), severity: 'error', code: 'unbridgeable-shapes', message: `${label}: ${problem}` });
  };
  const root = input.tree.root;
  const layerMappings = root && findNodeAtLocation(root, ['distillation', 'layerMappings']);
  if (layerMappings?.type === 'array') {
    layerMappings.children?.forEach((element) => {
      const a = tensorOf(student, stringAt(element, ['student']));
      const b = tensorOf(teacher, stringAt(element, ['teacher']));
      check(element, a, b, ['student', 'teacher'], `${a?.name} → ${b?.name}`);
    });
  }
  // A self-distillation pair whose loss compares features (L2), not distributions, goes through a matcher from shallow to deep.
  const selfMappings = root && findNodeAtLocation(root, ['distillation', 'selfMappings']);
  if (selfMappings?.type === 'array') {
    selfMappings.children?.forEach((element) => {
      const loss = stringAt(element, ['loss']);
      if (loss === undefined || lossKind(loss)?.comparesDistributions !== false) return;
      const a = tensorOf(student, stringAt(element, ['shallow']));
      const b = tensorOf(student, stringAt(element, ['deep']));
      check(element, a, b, ['shallow', 'deep'], `${a?.name} → ${b?.name}`);
    });
  }
  return issues;
}

export function computeConfigIssues(input: IssuesInput): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  if (!input.trusted) {
    const start = input.tree.root?.offset ?? 0;
    issues.push({ start, end: start + 1, severity: 'information', code: 'untrusted', message: UNTRUSTED_MESSAGE });
  }
  issues.push(...fileIssues(input), ...combinationIssues(input.tree.root));
  if (input.trusted) {
    for (const reference of collectTensorReferences(input.tree.root)) {
      const issue = nameIssue(input, reference);
      if (issue) issues.push(issue);
    }
    issues.push(...shapeIssues(input));
  }
  return issues;
}
