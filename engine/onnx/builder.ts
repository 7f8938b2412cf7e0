/** Small, flat helpers that build IR pieces, in the manner of onnx.helper. */
import { DataType, dataTypeInfo, type TensorData } from './dataType.ts';
import type { AttributeValue, Dim, Graph, Model, Node, OpsetImport, Tensor, ValueInfo } from './ir.ts';

export const DEFAULT_OPSET = 17;
export const IR_VERSION = 8;

export const attr = {
  int: (value: number): AttributeValue => ({ kind: 'int', value }),
  float: (value: number): AttributeValue => ({ kind: 'float', value }),
  string: (value: string): AttributeValue => ({ kind: 'string', value }),
  ints: (value: number[]): AttributeValue => ({ kind: 'ints', value }),
  floats: (value: number[]): AttributeValue => ({ kind: 'floats', value }),
  tensor: (value: Tensor): AttributeValue => ({ kind: 'tensor', value }),
};

export type Attributes = Record<string, AttributeValue>;

export function makeNode(opType: string, inputs: string[], outputs: string[], name: string, attributes: Attributes = {}, domain = ''): Node {
  return { name, opType, domain, inputs, outputs, attributes: new Map(Object.entries(attributes)) };
}

export function makeTensor(name: string, dataType: DataType, dims: number[], values: TensorData | ArrayLike<number> | ArrayLike<bigint>): Tensor {
  const count = dims.reduce((a, b) => a * b, 1);
  const info = dataTypeInfo(dataType);
  let data: TensorData;
  if (ArrayBuffer.isView(values) && info.create(0).constructor === values.constructor) {
    data = values as TensorData;
  } else {
    data = info.create(count);
    const source = values as ArrayLike<number | bigint>;
    const isBig = data instanceof BigInt64Array || data instanceof BigUint64Array;
    for (let i = 0; i < source.length; i++) {
      const v = source[i]!;
      (data as { [i: number]: number | bigint })[i] = isBig ? BigInt(v) : Number(v);
    }
  }
  if (data.length !== count) throw new Error(`tensor '${name}': ${data.length} values do not fill shape [${dims.join(', ')}]`);
  return { name, dataType, dims: [...dims], data };
}

export function makeInt64Tensor(name: string, values: number[], dims: number[] = [values.length]): Tensor {
  return makeTensor(name, DataType.INT64, dims, BigInt64Array.from(values.map((v) => BigInt(v))));
}

export function makeFloatTensor(name: string, values: ArrayLike<number>, dims: number[]): Tensor {
  return makeTensor(name, DataType.FLOAT, dims, Float32Array.from(values));
}

export function makeValueInfo(name: string, dataType: DataType, shape?: Dim[]): ValueInfo {
  return shape ? { name, dataType, shape: [...shape] } : { name, dataType };
}

export function makeGraph(name: string, nodes: Node[], inputs: ValueInfo[], outputs: ValueInfo[], initializers: Tensor[] = [], valueInfos: ValueInfo[] = []): Graph {
  return {
    name,
    nodes,
    inputs,
    outputs,
    initializers: new Map(initializers.map((t) => [t.name, t])),
    valueInfos: new Map(valueInfos.map((v) => [v.name, v])),
  };
}

export function makeModel(graph: Graph, opsetImports: OpsetImport[] = [{ domain: '', version: DEFAULT_OPSET }], producerName = 'distq'): Model {
  return { irVersion: IR_VERSION, opsetImports, producerName, producerVersion: '0.1.0', graph, metadata: new Map() };
}

/**
 * Appends nodes to a graph with deterministic, collision-free names:
 * `prefix/OpType_k` for nodes and `prefix/OpType_k:i` for their outputs.
 */
export class GraphBuilder {
  private readonly used = new Set<string>();
  private readonly counters = new Map<string, number>();

  constructor(readonly graph: Graph, private readonly prefix: string) {
    for (const n of graph.nodes) {
      this.used.add(n.name);
      for (const o of n.outputs) this.used.add(o);
    }
    for (const i of graph.inputs) this.used.add(i.name);
    for (const t of graph.initializers.keys()) this.used.add(t);
  }

  /** A name not yet used in the graph, derived from `base`. */
  uniqueName(base: string): string {
    let candidate = base;
    let k = this.counters.get(base) ?? 0;
    while (this.used.has(candidate)) {
      k += 1;
      candidate = `${base}_${k}`;
    }
    this.counters.set(base, k);
    this.used.add(candidate);
    return candidate;
  }

  /** Adds one node and returns its output names. */
  add(opType: string, inputs: string[], attributes: Attributes = {}, outputCount = 1, domain = ''): string[] {
    const name = this.uniqueName(`${this.prefix}/${opType}`);
    const outputs = Array.from({ length: outputCount }, (_, i) => this.uniqueName(`${name}:${i}`));
    this.graph.nodes.push(makeNode(opType, inputs, outputs, name, attributes, domain));
    return outputs;
  }

  /** Adds a single-output node and returns the output name. */
  op(opType: string, inputs: string[], attributes: Attributes = {}): string {
    return this.add(opType, inputs, attributes, 1)[0]!;
  }

  /** Adds an initializer under a fresh name and returns it. */
  constant(base: string, tensor: Omit<Tensor, 'name'>): string {
    const name = this.uniqueName(`${this.prefix}/${base}`);
    this.graph.initializers.set(name, { ...tensor, name });
    return name;
  }

  int64Constant(base: string, values: number[], dims: number[] = [values.length]): string {
    const t = makeInt64Tensor('', values, dims);
    return this.constant(base, t);
  }

  floatConstant(base: string, values: number[], dims: number[] = [], dataType: DataType = DataType.FLOAT): string {
    return this.constant(base, makeTensor('', dataType, dims, dataType === DataType.DOUBLE ? Float64Array.from(values) : Float32Array.from(values)));
  }
}

export function getAttribute(node: Node, name: string): AttributeValue | undefined {
  return node.attributes.get(name);
}

export function getInt(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== 'int') throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be an int`);
  return a.value;
}

export function getFloat(node: Node, name: string, fallback: number): number {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== 'float') throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a float`);
  return a.value;
}

export function getInts(node: Node, name: string): number[] | undefined {
  const a = node.attributes.get(name);
  if (!a) return undefined;
  if (a.kind !== 'ints') throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a list of ints`);
  return a.value;
}

export function getString(node: Node, name: string, fallback: string): string {
  const a = node.attributes.get(name);
  if (!a) return fallback;
  if (a.kind !== 'string') throw new Error(`node '${node.name}' (${node.opType}): attribute '${name}' should be a string`);
  return a.value;
}

/** The node's input at `index`, or undefined when absent or given as the empty name. */
export function optionalInput(node: Node, index: number): string | undefined {
  const name = node.inputs[index];
  return name === undefined || name === '' ? undefined : name;
}
