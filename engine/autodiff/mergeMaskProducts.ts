/**
 * A gradient masked twice in a row, dY · Cast(m1) · Cast(m2) (a Relu's mask after a fake
 * quantization's straight-through mask, or after a Clip's), becomes dY · Cast(m1 ∧ m2): an And
 * over bytes instead of a Cast and a Mul over floats. Exact, as the masks are 0 or 1; chains of
 * three or more masks merge one by one.
 */
import { attr, getInt, GraphBuilder, makeNode } from '../onnx/builder.ts';
import { isFloatType, type DataType } from '../onnx/dataType.ts';
import type { Graph, Node } from '../onnx/ir.ts';

/** Ops whose output is boolean whatever their inputs. */
const BOOLEAN_OPS = new Set(['Greater', 'Less', 'GreaterOrEqual', 'LessOrEqual', 'Equal', 'And', 'Or', 'Xor', 'Not', 'IsNaN', 'IsInf']);

export interface MaskMergeOptions {
  /** Nodes before this index (the forward graph) are left alone. */
  firstNode: number;
  /** Whether a tensor the ops above do not produce is boolean (forward masks). */
  isBoolean(name: string): boolean;
  /** Tensors read from outside the graph's nodes (gradients about to become outputs). */
  keep: ReadonlySet<string>;
}

/** Returns how many products it merged. */
export function mergeMaskProducts(graph: Graph, options: MaskMergeOptions): number {
  const producers = new Map<string, Node>();
  const readers = new Map<string, number>();
  const read = (name: string, count: number): void => {
    readers.set(name, (readers.get(name) ?? 0) + count);
  };
  for (const node of graph.nodes) {
    for (const output of node.outputs) producers.set(output, node);
    for (const input of node.inputs) read(input, 1);
  }
  for (const output of graph.outputs) read(output.name, 1);
  for (const name of options.keep) read(name, 1);
  const readOnce = (name: string): boolean => readers.get(name) === 1;

  const isBoolean = (name: string): boolean => {
    const producer = producers.get(name);
    return (producer !== undefined && producer.domain === '' && BOOLEAN_OPS.has(producer.opType)) || options.isBoolean(name);
  };
  // The boolean mask behind a float Cast that only this product reads.
  const maskBehind = (name: string): string | undefined => {
    const cast = producers.get(name);
    if (!cast || cast.opType !== 'Cast' || cast.domain !== '' || !readOnce(name)) return undefined;
    if (!isFloatType(getInt(cast, 'to', 0) as DataType) || !isBoolean(cast.inputs[0]!)) return undefined;
    return cast.inputs[0];
  };
  // Mul(value, Cast(mask)) in either order.
  const maskedProduct = (node: Node): { value: string; mask: string; cast: string } | undefined => {
    if (node.opType !== 'Mul' || node.domain !== '') return undefined;
    for (const side of [0, 1]) {
      const cast = node.inputs[side]!;
      const mask = maskBehind(cast);
      if (mask !== undefined) return { value: node.inputs[1 - side]!, mask, cast };
    }
    return undefined;
  };

  const builder = new GraphBuilder(graph, 'grad');
  const removed = new Set<Node>();
  const insertedBefore = new Map<Node, Node[]>();
  let merged = 0;
  const backward = new Set(graph.nodes.slice(options.firstNode));
  for (const outer of backward) {
    const outerProduct = maskedProduct(outer);
    if (!outerProduct || !readOnce(outerProduct.value)) continue;
    const inner = producers.get(outerProduct.value);
    if (!inner || removed.has(inner) || !backward.has(inner)) continue;
    const innerProduct = maskedProduct(inner);
    const castType = getInt(producers.get(outerProduct.cast)!, 'to', 0);
    if (!innerProduct || getInt(producers.get(innerProduct.cast)!, 'to', 0) !== castType) continue;
    const andName = builder.uniqueName('grad/MaskAnd');
    const castName = builder.uniqueName('grad/MaskCast');
    const both = builder.uniqueName(`${andName}:0`);
    const cast = builder.uniqueName(`${castName}:0`);
    const added = [
      makeNode('And', [innerProduct.mask, outerProduct.mask], [both], andName),
      makeNode('Cast', [both], [cast], castName, { to: attr.int(castType) }),
    ];
    insertedBefore.set(outer, [...(insertedBefore.get(outer) ?? []), ...added]);
    for (const node of added) producers.set(node.outputs[0]!, node);
    read(both, 1);
    read(cast, 1);
    removed.add(inner).add(producers.get(innerProduct.cast)!).add(producers.get(outerProduct.cast)!);
    outer.inputs = [innerProduct.value, cast];
    merged += 1;
  }
  graph.nodes = graph.nodes.flatMap((node) => [...(insertedBefore.get(node) ?? []), node].filter((kept) => !removed.has(kept)));
  return merged;
}
