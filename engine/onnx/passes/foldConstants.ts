/**
 * Constant folding, to a fixed point: Constant nodes become initializers; shape
 * arithmetic over static dims is resolved (foldShapeValues.ts); every other node
 * whose inputs are all constant is evaluated by ONNX Runtime, all of them in one
 * session run per round; then nodes and initializers nobody uses are removed.
 * Embedding lookups stay: a Gather from a float table at constant indices (a position
 * embedding read at positions 0…L−1) would otherwise bake the table's rows into a new
 * constant, and the table would no longer be a weight that training updates.
 */
import * as ort from 'onnxruntime-node';
import { DataType, isFloatType, type TensorData } from '../dataType.ts';
import { makeGraph, makeModel, makeTensor, makeValueInfo } from '../builder.ts';
import type { Graph, Model, Node, Tensor, ValueInfo } from '../ir.ts';
import { defaultOpset } from '../ir.ts';
import { inferShapes } from '../shapeInference.ts';
import { constantValueInfo } from '../shapes/constants.ts';
import { isStatic, productOfDims } from '../shapes/dims.ts';
import { createSession } from '../../runtime/session.ts';
import { foldShapeValues } from './foldShapeValues.ts';
import { removeUnusedNodes } from './removeUnusedNodes.ts';

export interface FoldOptions {
  /** Results larger than this many elements stay computed at run time (Expand, Tile, ConstantOfShape). */
  maxFoldedElements?: number;
  /** Op types never folded; QDQ pairs are kept so quantized models keep their structure. */
  keepOpTypes?: ReadonlySet<string>;
}

const DEFAULT_KEEP = new Set(['QuantizeLinear', 'DequantizeLinear']);
/** Ops whose result differs between runs. */
const NONDETERMINISTIC = new Set(['RandomNormal', 'RandomNormalLike', 'RandomUniform', 'RandomUniformLike', 'Multinomial', 'Bernoulli', 'Dropout']);

/**
 * Folds the model's constant subgraphs in place and returns how many nodes left
 * the graph (folded into initializers, or no longer used once folding was done).
 */
export async function foldConstants(model: Model, options: FoldOptions = {}): Promise<number> {
  const graph = model.graph;
  const before = graph.nodes.length;
  const opset = defaultOpset(model);
  // Reshape targets with a run-time entry are rewritten last, once every foldable dim is a number.
  let settling = false;
  for (;;) {
    const constants = constantTensors(graph);
    const protectedNames = new Set(graph.outputs.map((o) => o.name));
    let changed = constantNodesToInitializers(graph, constants, protectedNames);
    const infos = inferShapes(graph, opset, constants);
    changed += foldShapeValues(graph, infos, constants, protectedNames, settling);
    changed += await evaluateConstantNodes(model, infos, constants, protectedNames, options);
    changed += removeUnusedNodes(graph);
    if (changed === 0) {
      if (settling) break;
      settling = true;
    }
  }
  return before - graph.nodes.length;
}

/** Initializers that a caller cannot override (those also listed as graph inputs can be fed). */
function constantTensors(graph: Graph): Map<string, Tensor> {
  const fed = new Set(graph.inputs.map((i) => i.name));
  return new Map([...graph.initializers].filter(([name]) => !fed.has(name)));
}

function constantNodesToInitializers(graph: Graph, constants: Map<string, Tensor>, protectedNames: ReadonlySet<string>): number {
  let folded = 0;
  graph.nodes = graph.nodes.filter((node) => {
    if (node.domain !== '' || node.opType !== 'Constant' || protectedNames.has(node.outputs[0]!)) return true;
    const tensor = constantNodeTensor(node);
    if (!tensor) return true;
    graph.initializers.set(tensor.name, tensor);
    constants.set(tensor.name, tensor);
    folded += 1;
    return false;
  });
  return folded;
}

/** The value of a Constant node as a tensor named like its output; undefined for strings and sparse values. */
export function constantNodeTensor(node: Node): Tensor | undefined {
  const name = node.outputs[0]!;
  const entry = [...node.attributes].find(([key]) => key.startsWith('value'));
  const { dataType, shape } = constantValueInfo(entry, (message) => {
    throw new Error(`node '${node.name || name}' (Constant): ${message}`);
  });
  if (dataType === DataType.STRING) return undefined;
  const value = entry![1];
  switch (value.kind) {
    case 'tensor': return { ...value.value, name, dims: [...value.value.dims] };
    case 'float':
    case 'floats': return makeTensor(name, DataType.FLOAT, shape, value.kind === 'float' ? [value.value] : value.value);
    case 'int':
    case 'ints': return makeTensor(name, DataType.INT64, shape, (value.kind === 'int' ? [value.value] : value.value).map((v) => BigInt(v)));
    default: return undefined;
  }
}

/** Nodes whose inputs are all constants (directly or through other such nodes), in graph order. */
function foldableNodes(graph: Graph, infos: ReadonlyMap<string, ValueInfo>, constants: ReadonlyMap<string, Tensor>, protectedNames: ReadonlySet<string>, options: FoldOptions): Node[] {
  const keep = options.keepOpTypes ?? DEFAULT_KEEP;
  const limit = options.maxFoldedElements ?? 1 << 20;
  const available = new Set(constants.keys());
  const foldable: Node[] = [];
  for (const node of graph.nodes) {
    const inputs = node.inputs.filter((i) => i !== '');
    const ok = node.domain === '' && inputs.length > 0 && !keep.has(node.opType) && !NONDETERMINISTIC.has(node.opType)
      && !isEmbeddingLookup(node, infos)
      && ![...node.attributes.values()].some((a) => a.kind === 'graph')
      && inputs.every((i) => available.has(i))
      && node.outputs.every((o) => o === '' || (!protectedNames.has(o) && isSmallNumericTensor(infos.get(o), limit)));
    if (!ok) continue;
    foldable.push(node);
    for (const o of node.outputs) if (o !== '') available.add(o);
  }
  return foldable;
}

/** A Gather from a float table: the table is a weight (token or position embeddings). */
function isEmbeddingLookup(node: Node, infos: ReadonlyMap<string, ValueInfo>): boolean {
  const table = infos.get(node.inputs[0]!);
  return node.opType === 'Gather' && table !== undefined && isFloatType(table.dataType);
}

function isSmallNumericTensor(info: ValueInfo | undefined, limit: number): boolean {
  if (!info || info.dataType === DataType.STRING) return false;
  if (!info.shape || !isStatic(info.shape)) return true;
  const count = productOfDims(info.shape);
  return typeof count === 'number' && count <= limit;
}

async function evaluateConstantNodes(model: Model, infos: ReadonlyMap<string, ValueInfo>, constants: Map<string, Tensor>, protectedNames: ReadonlySet<string>, options: FoldOptions): Promise<number> {
  const graph = model.graph;
  const foldable = foldableNodes(graph, infos, constants, protectedNames, options);
  if (foldable.length === 0) return 0;
  const folded = new Set(foldable);
  const producedInside = new Set(foldable.flatMap((n) => n.outputs));
  // Only the results that the rest of the graph reads come back from the session.
  const wanted = new Set<string>();
  for (const node of graph.nodes) {
    if (folded.has(node)) continue;
    for (const i of node.inputs) if (producedInside.has(i)) wanted.add(i);
  }
  const results = wanted.size === 0 ? new Map<string, Tensor>() : await runNodes(model, foldable, [...wanted], infos, constants);
  for (const tensor of results.values()) {
    graph.initializers.set(tensor.name, tensor);
    constants.set(tensor.name, tensor);
  }
  graph.nodes = graph.nodes.filter((n) => !folded.has(n));
  return foldable.length;
}

async function runNodes(model: Model, nodes: Node[], outputs: string[], infos: ReadonlyMap<string, ValueInfo>, constants: ReadonlyMap<string, Tensor>): Promise<Map<string, Tensor>> {
  const used = new Set(nodes.flatMap((n) => n.inputs));
  const initializers = [...constants.values()].filter((t) => used.has(t.name));
  const outputInfos = outputs.map((name) => makeValueInfo(name, infos.get(name)?.dataType ?? DataType.FLOAT));
  const subgraph = makeGraph(`${model.graph.name}_constants`, nodes, [], outputInfos, initializers);
  const session = await createSession(makeModel(subgraph, model.opsetImports), { optimizationLevel: 'disabled' });
  try {
    const results = await session.run({});
    return new Map(outputs.map((name) => [name, fromOrtTensor(name, results[name])]));
  } finally {
    await session.release();
  }
}

const DATA_TYPES: Record<string, DataType> = {
  float32: DataType.FLOAT, float64: DataType.DOUBLE, float16: DataType.FLOAT16,
  int8: DataType.INT8, uint8: DataType.UINT8, int16: DataType.INT16, uint16: DataType.UINT16,
  int32: DataType.INT32, uint32: DataType.UINT32, int64: DataType.INT64, uint64: DataType.UINT64, bool: DataType.BOOL,
};

function fromOrtTensor(name: string, tensor: ort.Tensor | undefined): Tensor {
  if (!tensor) throw new Error(`constant folding: ONNX Runtime returned no value for '${name}'`);
  const dataType = DATA_TYPES[tensor.type];
  if (dataType === undefined) throw new Error(`constant folding: '${name}' has type ${tensor.type}, which DistQ cannot store`);
  const raw = tensor.data as TensorData;
  // Bool results may come back as a plain Uint8Array-compatible view; store bytes either way.
  const data = dataType === DataType.BOOL && !(raw instanceof Uint8Array) ? Uint8Array.from(raw as ArrayLike<number>) : raw;
  return makeTensor(name, dataType, [...tensor.dims], data);
}
