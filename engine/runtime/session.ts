/** Creating onnxruntime-node sessions from DistQ models, and moving tensors across. */
import * as ort from 'onnxruntime-node';
import { DataType, ortTypeName, type TensorData } from '../onnx/dataType.ts';
import { encodeModel } from '../onnx/protoCodec.ts';
import type { Model, Tensor } from '../onnx/ir.ts';
import { checkModel } from '../onnx/checker.ts';
import { lowerToBlockedConvolutions, nchwcBlockSize } from './blockedConvolutions.ts';
import { lowerToGemmConvolutions } from './gemmConvolutions.ts';

export interface SessionOptions {
  /** Intra-op threads; one is often fastest on small shared machines. */
  threads?: number;
  optimizationLevel?: 'disabled' | 'basic' | 'extended' | 'all';
  /**
   * Run the float convolutions of a training step on faster kernels: those with few output positions
   * as one product over the batch (gemmConvolutions.ts), those whose filters the graph computes on the
   * blocked kernels (blockedConvolutions.ts).
   */
  fastConvolutions?: boolean;
}

export type OrtSession = ort.InferenceSession;
export type OrtTensor = ort.Tensor;

/** Checks the model, then builds a session from its bytes. */
export async function createSession(model: Model, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  checkModel(model);
  // Checked before lowering: the checker knows the ONNX ops DistQ builds, not ONNX Runtime's internal NCHWc ones.
  if (!options.fastConvolutions) return createSessionFromBytes(encodeModel(model), options);
  const gemm = lowerToGemmConvolutions(model);
  const block = await nchwcBlockSize();
  return createSessionFromBytes(encodeModel(block ? lowerToBlockedConvolutions(gemm, block) : gemm), options);
}

export async function createSessionFromBytes(bytes: Uint8Array, options: SessionOptions = {}): Promise<ort.InferenceSession> {
  return ort.InferenceSession.create(bytes, ortSessionOptions(options));
}

/** The onnxruntime-node options DistQ's sessions use (bench/profileStep.ts adds profiling to them). */
export function ortSessionOptions(options: SessionOptions = {}): ort.InferenceSession.SessionOptions {
  return {
    intraOpNumThreads: options.threads ?? 1,
    interOpNumThreads: 1,
    graphOptimizationLevel: options.optimizationLevel ?? 'all',
    executionMode: 'sequential',
    // Errors only (3): ONNX Runtime's own coloured warnings on stderr would break DistQ's one-line rule;
    // its errors come back to DistQ as exceptions, which name the node.
    logSeverityLevel: 3,
  };
}

/** Wraps an IR tensor's storage without copying. */
export function toOrtTensor(tensor: Pick<Tensor, 'dataType' | 'dims' | 'data'>): ort.Tensor {
  if (tensor.dataType === DataType.BOOL) {
    return new ort.Tensor('bool', new Uint8Array(tensor.data.buffer, tensor.data.byteOffset, tensor.data.length), tensor.dims);
  }
  return new ort.Tensor(ortTypeName(tensor.dataType), tensor.data as never, tensor.dims);
}

export function floatTensor(data: Float32Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float32', data, dims);
}

export function float64Tensor(data: Float64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('float64', data, dims);
}

export function int64Tensor(data: BigInt64Array, dims: readonly number[]): ort.Tensor {
  return new ort.Tensor('int64', data, dims);
}

/** The numbers of an output tensor, as a typed array. */
export function tensorData(tensor: ort.Tensor): TensorData {
  return tensor.data as TensorData;
}

export function tensorFloats(tensor: ort.Tensor | undefined, name = 'output'): Float32Array {
  if (!tensor) throw new Error(`the session returned no '${name}'`);
  if (!(tensor.data instanceof Float32Array)) throw new Error(`'${name}' is ${tensor.type}, not float32`);
  return tensor.data;
}
