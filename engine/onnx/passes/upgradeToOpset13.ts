/**
 * Rewrites a model of opset 11 or 12, still written by exporters, into opset 13, the oldest
 * DistQ's graphs are built at: the ops whose signature changed move their attributes to inputs
 * (Split's split, Squeeze and Unsqueeze's axes, ReduceSum's axes, Dropout-11's ratio), and
 * Softmax, LogSoftmax and Hardmax, which before 13 flatten to 2-D at their axis, keep that
 * meaning through Flatten and a Reshape back. Every other op means the same at 13.
 */
import { attr, getFloat, getInt, getInts, makeFloatTensor, makeInt64Tensor, makeNode } from '../builder.ts';
import type { Graph, Model, Node } from '../ir.ts';
import { defaultOpset } from '../ir.ts';
import { MIN_OPSET, OLDEST_READABLE_OPSET } from '../errors.ts';

/** Ops whose int list attribute became input 1 at opset 13. */
const ATTRIBUTE_TO_INPUT: Record<string, string> = { Split: 'split', Squeeze: 'axes', Unsqueeze: 'axes', ReduceSum: 'axes' };
const FLATTENING_SOFTMAXES = new Set(['Softmax', 'LogSoftmax', 'Hardmax']);

class UpgradedGraph {
  readonly nodes: Node[] = [];
  private readonly used: Set<string>;

  constructor(private readonly graph: Graph) {
    this.used = new Set([...graph.initializers.keys(), ...graph.inputs.map((i) => i.name), ...graph.nodes.flatMap((n) => [n.name, ...n.outputs])]);
  }

  freshName(base: string): string {
    let name = base;
    for (let i = 1; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }

  intsInput(node: Node, what: string, values: number[]): string {
    const name = this.freshName(`${node.name || node.outputs[0]}/${what}`);
    this.graph.initializers.set(name, makeInt64Tensor(name, values));
    return name;
  }

  upgrade(node: Node): void {
    const attribute = ATTRIBUTE_TO_INPUT[node.opType];
    if (attribute !== undefined) return this.moveToInput(node, attribute);
    if (node.opType === 'Dropout' && node.attributes.has('ratio')) return this.dropoutRatioAsInput(node);
    if (FLATTENING_SOFTMAXES.has(node.opType) && getInt(node, 'axis', 1) !== -1) return this.flattenAroundSoftmax(node);
    this.nodes.push(node);
  }

  private moveToInput(node: Node, attribute: string): void {
    const values = getInts(node, attribute);
    node.attributes.delete(attribute);
    // Absent, Split splits equally and the others act on every axis (ReduceSum) or every 1 (Squeeze), as at 13.
    if (values !== undefined) node.inputs = [node.inputs[0]!, this.intsInput(node, attribute, values)];
    this.nodes.push(node);
  }

  private dropoutRatioAsInput(node: Node): void {
    const name = this.freshName(`${node.name || node.outputs[0]}/ratio`);
    this.graph.initializers.set(name, makeFloatTensor(name, [getFloat(node, 'ratio', 0.5)], []));
    node.attributes.delete('ratio');
    node.inputs = [node.inputs[0]!, name];
    this.nodes.push(node);
  }

  /** Before 13: Y = reshape(softmax over the flattened trailing axes of X from `axis`, shape of X). */
  private flattenAroundSoftmax(node: Node): void {
    const base = node.name || node.outputs[0]!;
    const x = node.inputs[0]!;
    const flat = this.freshName(`${base}/flat`);
    const normalized = this.freshName(`${base}/normalized`);
    const shape = this.freshName(`${base}/shape`);
    this.nodes.push(
      makeNode('Flatten', [x], [flat], this.freshName(`${base}/Flatten`), { axis: attr.int(getInt(node, 'axis', 1)) }),
      makeNode(node.opType, [flat], [normalized], node.name, { axis: attr.int(1) }),
      makeNode('Shape', [x], [shape], this.freshName(`${base}/Shape`)),
      makeNode('Reshape', [normalized, shape], [node.outputs[0]!], this.freshName(`${base}/Reshape`)),
    );
  }
}

function upgradeGraph(graph: Graph): void {
  const upgraded = new UpgradedGraph(graph);
  for (const node of graph.nodes) {
    if (node.domain === '' || node.domain === 'ai.onnx') {
      for (const value of node.attributes.values()) if (value.kind === 'graph') upgradeGraph(value.value);
      upgraded.upgrade(node);
    } else {
      upgraded.nodes.push(node);
    }
  }
  graph.nodes = upgraded.nodes;
}

/** Upgrades, in place, a model of opset 11 or 12 to opset 13; other models are left as they are. */
export function upgradeToOpset13(model: Model): Model {
  const opset = defaultOpset(model);
  if (opset < OLDEST_READABLE_OPSET || opset >= MIN_OPSET) return model;
  upgradeGraph(model.graph);
  model.opsetImports = model.opsetImports.map((entry) => (entry.domain === '' || entry.domain === 'ai.onnx' ? { ...entry, version: MIN_OPSET } : entry));
  return model;
}
