/** Builds a dataset from two arrays named in .npy/.npz files: inputs (N, ...) and integer labels (N,). */
import * as path from 'node:path';
import { createFloatDataset, type Dataset } from './dataset.ts';
import { DataFileError, formatShape } from './errors.ts';
import { parseNpy, type NpyArray } from './npy.ts';
import { parseNpz } from './npz.ts';
import { readUserFile } from '../util/userFile.ts';

export interface ArraySource {
  /** A .npy file, or an .npz file with `key` naming the array inside it. */
  file: string;
  /** The array's name inside an .npz (without `.npy`); must be absent for an .npy file. */
  key?: string;
}

export interface ArrayDatasetSpec {
  inputs: ArraySource;
  labels: ArraySource;
  /** Multiplies every input value after conversion to float32, e.g. 1/255 for uint8 images. Default 1. */
  inputScale?: number;
  /** Default: the largest label + 1. */
  classCount?: number;
}

/** An array with the file and key it came from, for error messages. */
export interface NamedArray {
  array: NpyArray;
  file: string;
  key?: string;
}

export function loadArrayDataset(spec: ArrayDatasetSpec): Dataset {
  const archives = new Map<string, Map<string, NpyArray>>();
  const inputs = readSource(spec.inputs, archives);
  const labels = readSource(spec.labels, archives);
  return datasetFromArrays(inputs, labels, spec);
}

/** Reads one array; an .npz read for the inputs is reused for the labels. */
export function readSource(source: ArraySource, archives = new Map<string, Map<string, NpyArray>>()): NamedArray {
  let archive = archives.get(source.file);
  if (archive === undefined) {
    const bytes = readUserFile(source.file, 'data file');
    const isZip = bytes[0] === 0x50 && bytes[1] === 0x4b; // 'PK'
    if (!isZip) {
      // Named .npz (or given a key) but no zip inside: say so, not that it is a broken .npy.
      if (source.file.toLowerCase().endsWith('.npz')) {
        throw new DataFileError(source.file, bytes.length === 0 ? 'is empty, not an .npz archive' : 'is not an .npz archive (it does not start with a zip signature)');
      }
      if (source.key !== undefined) throw new DataFileError(source.file, `is an .npy file holding one array; key '${source.key}' applies only to .npz archives`);
      return { array: parseNpy(bytes, source.file), file: source.file };
    }
    archive = parseNpz(bytes, source.file);
    archives.set(source.file, archive);
  }
  const available = [...archive.keys()].map((key) => `'${key}'`).join(', ') || 'none';
  if (source.key === undefined) throw new DataFileError(source.file, `is an .npz archive: name the array to use with a key (available: ${available})`);
  const array = archive.get(source.key);
  if (array === undefined) throw new DataFileError(source.file, `has no array '${source.key}' (available: ${available})`);
  return { array, file: source.file, key: source.key };
}

export function datasetFromArrays(inputs: NamedArray, labels: NamedArray, options: Pick<ArrayDatasetSpec, 'inputScale' | 'classCount'> = {}): Dataset {
  const inputFail = failFor(inputs);
  const labelFail = failFor(labels);
  const { shape } = inputs.array;
  if (shape.length === 0) inputFail('inputs must have an example dimension first, e.g. (N, 1, 28, 28); this is a scalar');
  const count = shape[0]!;
  const inputShape = shape.length === 1 ? [1] : shape.slice(1);
  if (inputShape.some((dim) => dim < 1)) inputFail(`examples of shape ${formatShape(inputShape)} hold no values`);
  const labelValues = labelsOf(labels, labelFail);
  if (labelValues.length !== count) {
    labelFail(`has ${labelValues.length} labels but the inputs (${describe(inputs)}) have ${count} examples`);
  }
  let largest = -1;
  for (const label of labelValues) largest = Math.max(largest, label);
  const classCount = options.classCount ?? largest + 1;
  if (largest >= classCount) labelFail(`holds label ${largest}, outside the ${classCount} classes configured`);
  if (count === 0) inputFail('holds no examples');
  return createFloatDataset({ name: inputs.key ?? path.basename(inputs.file, '.npy'), values: toFloat32(inputs, options.inputScale ?? 1, inputFail), shape: inputShape, labels: labelValues, classCount });
}

function labelsOf(labels: NamedArray, fail: (problem: string) => never): Int32Array {
  const { dtype, shape, data } = labels.array;
  if (dtype === 'float32' || dtype === 'float64' || dtype === 'bool') {
    fail(`labels must be integer class indices, got ${dtype}; save them with labels.astype(numpy.int64)`);
  }
  if (shape.length === 2 && shape[1]! > 1) fail(`labels of shape ${formatShape(shape)} look one-hot; save class indices instead (labels.argmax(1))`);
  if (shape.length !== 1 && !(shape.length === 2 && shape[1] === 1)) fail(`labels must have shape (N,) or (N, 1), got ${formatShape(shape)}`);
  const values = new Int32Array(data.length);
  for (let i = 0; i < data.length; i++) {
    const value = Number(data[i]!);
    if (value < 0 || value > 0x7fffffff) fail(`label ${value} at index ${i} is not a class index (0 or more)`);
    values[i] = value;
  }
  return values;
}

function toFloat32(inputs: NamedArray, scale: number, fail: (problem: string) => never): Float32Array {
  const { data } = inputs.array;
  if (!Number.isFinite(scale)) fail(`input scale ${scale} is not a finite number`);
  let values: Float32Array;
  if (data instanceof Float32Array && scale === 1) {
    values = data;
  } else {
    values = new Float32Array(data.length);
    for (let i = 0; i < data.length; i++) values[i] = Number(data[i]!) * scale;
  }
  for (let i = 0; i < values.length; i++) {
    if (!Number.isFinite(values[i]!)) fail(`input value ${values[i]} at flat index ${i} is not finite`);
  }
  return values;
}

function describe(named: NamedArray): string {
  return `${named.key === undefined ? named.file : `'${named.key}' in ${named.file}`}, shape ${formatShape(named.array.shape)}`;
}

function failFor(named: NamedArray): (problem: string) => never {
  return (problem) => {
    throw new DataFileError(named.file, problem, named.key);
  };
}
