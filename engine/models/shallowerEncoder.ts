/**
 * A shallower student initialised from a trained encoder built by transformerBuilder.ts: the
 * embeddings and classifier are copied, and student layer j takes the weights of teacher layer
 * `keptLayers[j]` (as DistilBERT starts from every second BERT layer).
 */
import type { Model, Tensor } from '../onnx/ir.ts';
import { buildTransformerClassifier, type TransformerClassifierSpec } from './transformerBuilder.ts';

/** Student layer j ↔ teacher layer (j + 1) · T / S − 1: the last layer of each group (1, 3 for 2 of 4). */
export function evenlyKeptLayers(teacherLayers: number, studentLayers: number): number[] {
  if (!Number.isInteger(studentLayers) || studentLayers < 1 || studentLayers > teacherLayers) {
    throw new Error(`a student of ${studentLayers} layers cannot keep layers of a ${teacherLayers}-layer teacher`);
  }
  return Array.from({ length: studentLayers }, (_, j) => Math.round(((j + 1) * teacherLayers) / studentLayers) - 1);
}

export function shallowerEncoder(teacher: Model, spec: TransformerClassifierSpec, keptLayers: readonly number[]): Model {
  if (keptLayers.length !== spec.layers) throw new Error(`${spec.name}: ${spec.layers} layers but ${keptLayers.length} kept layers given`);
  const student = buildTransformerClassifier(spec);
  const teacherWeights = teacher.graph.initializers;
  for (const [name, tensor] of student.graph.initializers) {
    const match = /^layer(\d+)\//.exec(name);
    const source = match ? `layer${keptLayers[Number(match[1])]!}/${name.slice(match[0].length)}` : name;
    const weights = teacherWeights.get(source);
    if (!weights) throw new Error(`${spec.name}: the teacher has no initializer '${source}' for '${name}'; it must be an encoder built by transformerBuilder.ts`);
    if (weights.dims.join(',') !== tensor.dims.join(',') || weights.dataType !== tensor.dataType) {
      throw new Error(`${spec.name}: teacher initializer '${source}' has shape [${weights.dims.join(', ')}], the student's '${name}' [${tensor.dims.join(', ')}]`);
    }
    student.graph.initializers.set(name, copyOf(weights, name));
  }
  return student;
}

function copyOf(tensor: Tensor, name: string): Tensor {
  return { ...tensor, name, dims: [...tensor.dims], data: tensor.data.slice() };
}
