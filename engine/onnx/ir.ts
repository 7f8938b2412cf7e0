/**
 * DistQ's in-memory form of an ONNX model: plain, typed, mutable data that the
 * passes (folding, QAT rewrite, autodiff) read and build. `protoCodec.ts` maps it
 * to and from the protobuf wire format.
 */
import type { DataType, TensorData } from './dataType.ts';

/** A dimension: a known size, or a symbolic name such as `N` for the batch. */
export type Dim = number | string;

export interface Tensor {
  name: string;
  dataType: DataType;
  dims: number[];
  data: TensorData;
}

export interface ValueInfo {
  name: string;
  dataType: DataType;
  /** Undefined when the rank is unknown. */
  shape?: Dim[];
}

export type AttributeValue =
  | { kind: 'float'; value: number }
  | { kind: 'int'; value: number }
  | { kind: 'string'; value: string }
  | { kind: 'tensor'; value: Tensor }
  | { kind: 'floats'; value: number[] }
  | { kind: 'ints'; value: number[] }
  | { kind: 'strings'; value: string[] }
  | { kind: 'graph'; value: Graph };

export interface Node {
  name: string;
  opType: string;
  domain: string;
  inputs: string[];
  outputs: string[];
  attributes: Map<string, AttributeValue>;
}

export interface Graph {
  name: string;
  nodes: Node[];
  initializers: Map<string, Tensor>;
  inputs: ValueInfo[];
  outputs: ValueInfo[];
  valueInfos: Map<string, ValueInfo>;
}

export interface OpsetImport {
  domain: string;
  version: number;
}

export interface Model {
  irVersion: number;
  opsetImports: OpsetImport[];
  producerName: string;
  producerVersion: string;
  graph: Graph;
  metadata: Map<string, string>;
}

/** The opset version of the default ONNX domain a model imports. */
export function defaultOpset(model: Model): number {
  const entry = model.opsetImports.find((o) => o.domain === '' || o.domain === 'ai.onnx');
  if (!entry) throw new Error('the model imports no version of the default ONNX operator set');
  return entry.version;
}
