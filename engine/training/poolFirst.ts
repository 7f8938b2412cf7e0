/**
 * Moves each MaxPool of a training graph ahead of the elementwise ops that commute with it,
 * before the graph is differentiated: x → Relu → MaxPool becomes x → MaxPool → Relu, and
 * x → FakeQuantize → MaxPool becomes x → MaxPool → FakeQuantize. A max commutes with any
 * non-decreasing function applied to each element, whatever the pooling's kernel, strides, pads or
 * ceil_mode: Relu, and fake quantization with a positive scale (a division by it, a rounding, a clip
 * and a product). The forward values stay the same bit for bit, while the moved op, its mask and its
 * gradient run over the pooled tensor: a quarter of the elements for 2×2 pooling. The MNIST CNN
 * quantizes the activation that its first MaxPool reads, [128, 32, 28, 28] at batch 128 (docs/benchmark.md).
 *
 * Gradients. Relu's are the same in every case: where a window's largest value is positive both
 * orders send dY to its first position holding it, and where it is not both send zero. Fake
 * quantization's differ where several values of one window round to the same level: the gradient
 * went to the first of them, and now goes to the largest before rounding, as in a model that
 * fake-quantizes a layer's input after the pooling.
 *
 * A node moves only where the MaxPool is the only reader of its output, that output is neither a
 * graph output nor in `keep`, and nothing reads a fake quantization's mask yet. Returns how many moved.
 */
import { DISTQ_OP_DOMAIN } from '../onnx/shapes/registry.ts';
import type { Graph, Node } from '../onnx/ir.ts';

export function movePoolingFirst(graph: Graph, keep: ReadonlySet<string>): number {
  let moved = 0;
  for (;;) {
    const readers = readersByTensor(graph, keep);
    const index = graph.nodes.findIndex((node) => canMoveBelow(node, readers));
    if (index < 0) return moved;
    const node = graph.nodes[index]!;
    const pool = readers.get(node.outputs[0]!)![0]!;
    // x → node → y → pool → z becomes x → pool → p → node → z; y is gone.
    const x = node.inputs[0]!;
    const z = pool.outputs[0]!;
    const pooled = freshName(graph, `${x}/${pool.name}`);
    pool.inputs = [x];
    pool.outputs = [pooled];
    node.inputs = [pooled, ...node.inputs.slice(1)];
    node.outputs = [z, ...node.outputs.slice(1)];
    graph.nodes.splice(index, 1);
    graph.nodes.splice(graph.nodes.indexOf(pool) + 1, 0, node);
    moved += 1;
  }
}

/** `base`, or `base_2`, `base_3`…: a name no node, input or initializer of `graph` uses. */
function freshName(graph: Graph, base: string): string {
  const used = new Set([...graph.inputs.map((i) => i.name), ...graph.initializers.keys(), ...graph.nodes.flatMap((n) => n.outputs)]);
  let name = base;
  for (let suffix = 2; used.has(name); suffix += 1) name = `${base}_${suffix}`;
  return name;
}

/** Readers of each tensor: nodes, plus null for a graph output or a kept tensor. */
function readersByTensor(graph: Graph, keep: ReadonlySet<string>): Map<string, (Node | null)[]> {
  const readers = new Map<string, (Node | null)[]>();
  const read = (name: string, reader: Node | null): void => {
    if (name !== '') readers.set(name, [...(readers.get(name) ?? []), reader]);
  };
  for (const node of graph.nodes) for (const input of node.inputs) read(input, node);
  for (const output of graph.outputs) read(output.name, null);
  for (const name of keep) read(name, null);
  return readers;
}

function isMovable(node: Node): boolean {
  if (node.domain === '' && node.opType === 'Relu') return true;
  return node.domain === DISTQ_OP_DOMAIN && node.opType === 'FakeQuantize';
}

function canMoveBelow(node: Node, readers: ReadonlyMap<string, readonly (Node | null)[]>): boolean {
  if (!isMovable(node)) return false;
  const mask = node.outputs[1];
  if (mask !== undefined && mask !== '' && readers.has(mask)) return false;
  const outputReaders = readers.get(node.outputs[0]!) ?? [];
  if (outputReaders.length !== 1) return false;
  const pool = outputReaders[0];
  if (!pool || pool.domain !== '' || pool.opType !== 'MaxPool') return false;
  // MaxPool's optional Indices output would hold positions of the pooled tensor's input.
  return pool.inputs.length === 1 && pool.outputs.filter((o) => o !== '').length === 1;
}
