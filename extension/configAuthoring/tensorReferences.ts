/** The places in a config that name a tensor or node of a model, and which model each refers to. */
import { findNodeAtLocation, type JSONPath, type Node as JsonNode } from 'jsonc-parser';
import { stringAt } from './configTree.ts';

export type ModelRole = 'student' | 'teacher';

export interface TensorSlot {
  /** `model` (the student) or `teacher`. */
  model: ModelRole;
  /** Mappings name tensors (node outputs, graph inputs); quantization.exclude and the keys of quantization.layers name nodes. */
  kind: 'tensor' | 'node';
}

export interface TensorReference {
  slot: TensorSlot;
  path: JSONPath;
  /** The string node holding the name. */
  node: JsonNode;
  name: string;
}

/** The slot a string at this path fills, if it names a tensor or node. */
export function tensorSlotAt(path: JSONPath): TensorSlot | undefined {
  const [section, list, index, field] = path;
  if (section === 'distillation' && typeof index === 'number' && path.length === 4) {
    if (list === 'layerMappings' && field === 'student') return { model: 'student', kind: 'tensor' };
    if (list === 'layerMappings' && field === 'teacher') return { model: 'teacher', kind: 'tensor' };
    if (list === 'selfMappings' && (field === 'shallow' || field === 'deep')) return { model: 'student', kind: 'tensor' };
  }
  if (section === 'quantization' && list === 'exclude' && typeof index === 'number' && path.length === 3) return { model: 'student', kind: 'node' };
  return undefined;
}

/** The slot a property key at this path fills: the keys of quantization.layers name nodes of the student. */
export function keySlotAt(path: JSONPath): TensorSlot | undefined {
  const [section, map] = path;
  return section === 'quantization' && map === 'layers' && path.length === 3 ? { model: 'student', kind: 'node' } : undefined;
}

/** The model file a role refers to, as written in the config (relative to its folder). */
export function modelPathOf(root: JsonNode | undefined, role: ModelRole): string | undefined {
  const path = stringAt(root, [role === 'student' ? 'model' : 'teacher', 'path']);
  return path ? path : undefined;
}

function arrayElements(root: JsonNode | undefined, path: JSONPath): JsonNode[] {
  const node = root && findNodeAtLocation(root, path);
  return node?.type === 'array' ? (node.children ?? []) : [];
}

/** Every string in the config that names a tensor or node, in document order. */
export function collectTensorReferences(root: JsonNode | undefined): TensorReference[] {
  const references: TensorReference[] = [];
  const add = (path: JSONPath): void => {
    const node = root && findNodeAtLocation(root, path);
    const slot = tensorSlotAt(path);
    const name: unknown = node?.value;
    if (node?.type === 'string' && typeof name === 'string' && slot) references.push({ slot, path, node, name });
  };
  arrayElements(root, ['distillation', 'layerMappings']).forEach((_, i) => {
    add(['distillation', 'layerMappings', i, 'student']);
    add(['distillation', 'layerMappings', i, 'teacher']);
  });
  arrayElements(root, ['distillation', 'selfMappings']).forEach((_, i) => {
    add(['distillation', 'selfMappings', i, 'shallow']);
    add(['distillation', 'selfMappings', i, 'deep']);
  });
  arrayElements(root, ['quantization', 'exclude']).forEach((_, i) => add(['quantization', 'exclude', i]));
  const layers = root && findNodeAtLocation(root, ['quantization', 'layers']);
  for (const property of layers?.type === 'object' ? (layers.children ?? []) : []) {
    const key = property.children?.[0];
    const name: unknown = key?.value;
    if (key?.type === 'string' && typeof name === 'string') references.push({ slot: { model: 'student', kind: 'node' }, path: ['quantization', 'layers', name], node: key, name });
  }
  return references;
}
