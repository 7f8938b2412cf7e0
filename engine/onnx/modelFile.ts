/** Reading and writing `.onnx` files, with external-data files confined to the model's folder. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { dataTypeInfo } from './dataType.ts';
import { copyBytesInto, decodeModel, encodeModel, ModelFormatError } from './protoCodec.ts';
import type { Model } from './ir.ts';
import { writeFileAtomic } from '../run/atomicFile.ts';
import { readUserFile, UserFileError } from '../util/userFile.ts';

/** Resolves an external-data location against the model's folder and refuses any path that leaves it. */
export function resolveExternalDataPath(modelPath: string, location: string): string {
  const folder = path.resolve(path.dirname(modelPath));
  if (path.isAbsolute(location)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' is absolute; it must be a path inside the model's folder`);
  }
  const resolved = path.resolve(folder, location);
  const relative = path.relative(folder, resolved);
  if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' leaves the model's folder`);
  }
  const real = fs.existsSync(resolved) ? fs.realpathSync(resolved) : resolved;
  const realFolder = fs.realpathSync(folder);
  const realRelative = path.relative(realFolder, real);
  if (realRelative.startsWith('..') || path.isAbsolute(realRelative)) {
    throw new ModelFormatError(`${modelPath}: external data location '${location}' links outside the model's folder`);
  }
  return resolved;
}

export function readModelBytes(bytes: Uint8Array, modelPath: string): Model {
  const { model, externalTensors } = decodeModel(bytes, modelPath);
  const openFiles = new Map<string, Buffer>();
  for (const reference of externalTensors) {
    const file = resolveExternalDataPath(modelPath, reference.location);
    let contents = openFiles.get(file);
    if (!contents) {
      if (!fs.existsSync(file)) throw new ModelFormatError(`${modelPath}: external data file '${reference.location}' of tensor '${reference.tensor.name}' does not exist`);
      contents = readExternalData(file, modelPath, reference.tensor.name);
      openFiles.set(file, contents);
    }
    const info = dataTypeInfo(reference.tensor.dataType);
    const count = reference.tensor.data.length;
    const needed = count * info.bytesPerElement;
    const length = reference.length ?? needed;
    for (const [field, value] of [['offset', reference.offset], ['length', length]] as const) {
      if (!Number.isSafeInteger(value) || value < 0) {
        throw new ModelFormatError(`${modelPath}: tensor '${reference.tensor.name}' has external data ${field} ${value}; it must be a whole number of bytes, 0 or more`);
      }
    }
    if (length !== needed || reference.offset + length > contents.length) {
      throw new ModelFormatError(`${modelPath}: tensor '${reference.tensor.name}' needs ${needed} bytes at offset ${reference.offset} of '${reference.location}', which holds ${contents.length}`);
    }
    reference.tensor.data = copyBytesInto(contents.subarray(reference.offset, reference.offset + length), reference.tensor.dataType, count);
  }
  return model;
}

export function readModel(modelPath: string): Model {
  return readModelBytes(readUserFile(modelPath, 'model file'), modelPath);
}

function readExternalData(file: string, modelPath: string, tensorName: string): Buffer {
  try {
    return readUserFile(file, 'external data file');
  } catch (error) {
    if (error instanceof UserFileError) throw new ModelFormatError(`${modelPath}: tensor '${tensorName}': ${error.message}`);
    throw error;
  }
}

/** Writes atomically (engine/run/atomicFile.ts): a crash or a full disk leaves the previous file. */
export function writeModel(model: Model, modelPath: string): void {
  writeFileAtomic(modelPath, encodeModel(model));
}
