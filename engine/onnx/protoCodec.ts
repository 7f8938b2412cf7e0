/**
 * Protobuf wire format <-> DistQ's IR, through the ONNX schema compiled by the
 * `onnx-proto` package. External data is not resolved here (see modelFile.ts):
 * tensors that point to it come back in `externalTensors` for the caller to load.
 */
import { onnx } from 'onnx-proto';
import { DataType, dataTypeInfo, type TensorData } from './dataType.ts';
import { checkAllocation } from '../util/allocationLimit.ts';
import type { AttributeValue, Dim, Graph, Model, Node, Tensor, ValueInfo } from './ir.ts';

type IntLike = number | { toNumber(): number; toString(): string };

function toNumber(value: IntLike | null | undefined): number {
  if (value === null || value === undefined) return 0;
  return typeof value === 'number' ? value : value.toNumber();
}

/** Where a tensor's bytes live when they are outside the model file. */
export interface ExternalDataReference {
  tensor: Tensor;
  location: string;
  offset: number;
  length: number | undefined;
}

export interface DecodedModel {
  model: Model;
  externalTensors: ExternalDataReference[];
}

export class ModelFormatError extends Error {}

export function decodeModel(bytes: Uint8Array, sourceName: string): DecodedModel {
  let proto: onnx.ModelProto;
  try {
    proto = onnx.ModelProto.decode(bytes);
  } catch (error) {
    throw new ModelFormatError(`${sourceName} is not a valid ONNX model: ${(error as Error).message}`);
  }
  if (!proto.graph) throw new ModelFormatError(`${sourceName} is not a valid ONNX model: it has no graph`);
  const externalTensors: ExternalDataReference[] = [];
  const graph = decodeGraph(proto.graph, externalTensors, sourceName);
  const metadata = new Map<string, string>();
  for (const entry of proto.metadataProps ?? []) metadata.set(entry.key ?? '', entry.value ?? '');
  return {
    model: {
      irVersion: toNumber(proto.irVersion as IntLike),
      opsetImports: (proto.opsetImport ?? []).map((o) => ({ domain: o.domain ?? '', version: toNumber(o.version as IntLike) })),
      producerName: proto.producerName ?? '',
      producerVersion: proto.producerVersion ?? '',
      graph,
      metadata,
    },
    externalTensors,
  };
}

function decodeGraph(proto: onnx.IGraphProto, externalTensors: ExternalDataReference[], sourceName: string): Graph {
  const initializers = new Map<string, Tensor>();
  for (const t of proto.initializer ?? []) {
    const tensor = decodeTensor(t, externalTensors, sourceName);
    initializers.set(tensor.name, tensor);
  }
  const valueInfos = new Map<string, ValueInfo>();
  for (const v of proto.valueInfo ?? []) {
    const info = decodeValueInfo(v);
    valueInfos.set(info.name, info);
  }
  return {
    name: proto.name ?? 'graph',
    nodes: (proto.node ?? []).map((n) => decodeNode(n, externalTensors, sourceName)),
    initializers,
    inputs: (proto.input ?? []).map(decodeValueInfo),
    outputs: (proto.output ?? []).map(decodeValueInfo),
    valueInfos,
  };
}

function decodeValueInfo(proto: onnx.IValueInfoProto): ValueInfo {
  const tensorType = proto.type?.tensorType;
  const info: ValueInfo = { name: proto.name ?? '', dataType: (tensorType?.elemType ?? 0) as DataType };
  if (tensorType?.shape) {
    info.shape = (tensorType.shape.dim ?? []).map((d): Dim => {
      if (d.dimParam) return d.dimParam;
      if (d.dimValue !== null && d.dimValue !== undefined) return toNumber(d.dimValue as IntLike);
      return '?';
    });
  }
  return info;
}

function decodeNode(proto: onnx.INodeProto, externalTensors: ExternalDataReference[], sourceName: string): Node {
  const attributes = new Map<string, AttributeValue>();
  for (const a of proto.attribute ?? []) {
    const value = decodeAttribute(a, externalTensors, sourceName);
    if (value) attributes.set(a.name ?? '', value);
  }
  return {
    name: proto.name ?? '',
    opType: proto.opType ?? '',
    domain: proto.domain ?? '',
    inputs: [...(proto.input ?? [])],
    outputs: [...(proto.output ?? [])],
    attributes,
  };
}

const AttributeType = onnx.AttributeProto.AttributeType;

function decodeAttribute(proto: onnx.IAttributeProto, externalTensors: ExternalDataReference[], sourceName: string): AttributeValue | undefined {
  switch (proto.type) {
    case AttributeType.FLOAT: return { kind: 'float', value: proto.f ?? 0 };
    case AttributeType.INT: return { kind: 'int', value: toNumber(proto.i as IntLike) };
    case AttributeType.STRING: return { kind: 'string', value: new TextDecoder().decode(proto.s ?? new Uint8Array()) };
    case AttributeType.TENSOR: return { kind: 'tensor', value: decodeTensor(proto.t ?? {}, externalTensors, sourceName) };
    case AttributeType.FLOATS: return { kind: 'floats', value: [...(proto.floats ?? [])] };
    case AttributeType.INTS: return { kind: 'ints', value: (proto.ints ?? []).map((v) => toNumber(v as IntLike)) };
    case AttributeType.STRINGS: return { kind: 'strings', value: (proto.strings ?? []).map((s) => new TextDecoder().decode(s)) };
    case AttributeType.GRAPH: return { kind: 'graph', value: decodeGraph(proto.g ?? {}, externalTensors, sourceName) };
    default:
      throw new ModelFormatError(`${sourceName}: attribute '${proto.name}' has type ${proto.type}, which DistQ does not read`);
  }
}

function elementCount(dims: number[]): number {
  return dims.reduce((a, b) => a * b, 1);
}

function decodeTensor(proto: onnx.ITensorProto, externalTensors: ExternalDataReference[], sourceName: string): Tensor {
  const dims = (proto.dims ?? []).map((d) => toNumber(d as IntLike));
  const dataType = (proto.dataType ?? 0) as DataType;
  const name = proto.name ?? '';
  if (dataType === DataType.STRING) {
    throw new ModelFormatError(`${sourceName}: tensor '${name}' holds strings, which DistQ does not train on`);
  }
  const info = dataTypeInfo(dataType);
  const negative = dims.find((dim) => dim < 0);
  if (negative !== undefined) throw new ModelFormatError(`${sourceName}: tensor '${name}' has a negative dimension in its shape [${dims.join(', ')}]`);
  const count = elementCount(dims);
  try {
    checkAllocation(count, info.bytesPerElement, `tensor '${name}' of shape [${dims.join(', ')}]`);
  } catch (error) {
    throw new ModelFormatError(`${sourceName}: ${(error as Error).message}`);
  }
  const tensor: Tensor = { name, dataType, dims, data: info.create(count) };
  if (proto.dataLocation === onnx.TensorProto.DataLocation.EXTERNAL) {
    const entries = new Map((proto.externalData ?? []).map((e) => [e.key ?? '', e.value ?? '']));
    const location = entries.get('location');
    if (!location) throw new ModelFormatError(`${sourceName}: tensor '${name}' is stored externally but names no location`);
    const length = entries.has('length') ? Number(entries.get('length')) : undefined;
    externalTensors.push({ tensor, location, offset: Number(entries.get('offset') ?? 0), length });
    return tensor;
  }
  if (proto.rawData && proto.rawData.length > 0) {
    const expected = count * info.bytesPerElement;
    if (proto.rawData.length !== expected) {
      throw new ModelFormatError(`${sourceName}: tensor '${name}' has ${proto.rawData.length} bytes of data, its shape [${dims.join(', ')}] needs ${expected}`);
    }
    tensor.data = copyBytesInto(proto.rawData, dataType, count);
    return tensor;
  }
  const typed = typedFieldValues(proto, dataType);
  if (typed.length !== count) {
    throw new ModelFormatError(`${sourceName}: tensor '${name}' has ${typed.length} values, its shape [${dims.join(', ')}] needs ${count}`);
  }
  fillFromNumbers(tensor.data, typed);
  return tensor;
}

/** Copies little-endian bytes into a fresh, aligned typed array. */
export function copyBytesInto(bytes: Uint8Array, dataType: DataType, count: number): TensorData {
  const info = dataTypeInfo(dataType);
  const buffer = new ArrayBuffer(count * info.bytesPerElement);
  new Uint8Array(buffer).set(bytes.subarray(0, count * info.bytesPerElement));
  return info.view(buffer, 0, count);
}

function typedFieldValues(proto: onnx.ITensorProto, dataType: DataType): IntLike[] {
  switch (dataType) {
    case DataType.FLOAT: return proto.floatData ?? [];
    case DataType.DOUBLE: return proto.doubleData ?? [];
    case DataType.INT64: return (proto.int64Data ?? []) as IntLike[];
    case DataType.UINT32:
    case DataType.UINT64: return (proto.uint64Data ?? []) as IntLike[];
    default: return (proto.int32Data ?? []) as IntLike[];
  }
}

function fillFromNumbers(target: TensorData, values: IntLike[]): void {
  if (target instanceof BigInt64Array || target instanceof BigUint64Array) {
    for (let i = 0; i < values.length; i++) {
      const v = values[i]!;
      target[i] = BigInt(typeof v === 'number' ? v : v.toString());
    }
    return;
  }
  for (let i = 0; i < values.length; i++) target[i] = toNumber(values[i]);
}

export function encodeModel(model: Model): Uint8Array {
  const proto = onnx.ModelProto.create({
    irVersion: model.irVersion,
    opsetImport: model.opsetImports.map((o) => ({ domain: o.domain, version: o.version })),
    producerName: model.producerName,
    producerVersion: model.producerVersion,
    graph: encodeGraph(model.graph),
    metadataProps: [...model.metadata].map(([key, value]) => ({ key, value })),
  });
  return onnx.ModelProto.encode(proto).finish();
}

function encodeGraph(graph: Graph): onnx.IGraphProto {
  return {
    name: graph.name,
    node: graph.nodes.map(encodeNode),
    initializer: [...graph.initializers.values()].map(encodeTensor),
    input: graph.inputs.map(encodeValueInfo),
    output: graph.outputs.map(encodeValueInfo),
    valueInfo: [...graph.valueInfos.values()].map(encodeValueInfo),
  };
}

function encodeValueInfo(info: ValueInfo): onnx.IValueInfoProto {
  const tensorType: onnx.TypeProto.ITensor = { elemType: info.dataType };
  if (info.shape) {
    tensorType.shape = { dim: info.shape.map((d) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d })) };
  }
  return { name: info.name, type: { tensorType } };
}

function encodeNode(node: Node): onnx.INodeProto {
  return {
    name: node.name,
    opType: node.opType,
    domain: node.domain,
    input: node.inputs,
    output: node.outputs,
    attribute: [...node.attributes].map(([name, value]) => encodeAttribute(name, value)),
  };
}

function encodeAttribute(name: string, attribute: AttributeValue): onnx.IAttributeProto {
  switch (attribute.kind) {
    case 'float': return { name, type: AttributeType.FLOAT, f: attribute.value };
    case 'int': return { name, type: AttributeType.INT, i: attribute.value };
    case 'string': return { name, type: AttributeType.STRING, s: new TextEncoder().encode(attribute.value) };
    case 'tensor': return { name, type: AttributeType.TENSOR, t: encodeTensor(attribute.value) };
    case 'floats': return { name, type: AttributeType.FLOATS, floats: attribute.value };
    case 'ints': return { name, type: AttributeType.INTS, ints: attribute.value };
    case 'strings': return { name, type: AttributeType.STRINGS, strings: attribute.value.map((s) => new TextEncoder().encode(s)) };
    case 'graph': return { name, type: AttributeType.GRAPH, g: encodeGraph(attribute.value) };
  }
}

function encodeTensor(tensor: Tensor): onnx.ITensorProto {
  const data = tensor.data;
  return {
    name: tensor.name,
    dataType: tensor.dataType,
    dims: tensor.dims,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  };
}
