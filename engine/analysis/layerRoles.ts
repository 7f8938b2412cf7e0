/**
 * Readable roles of a transformer's MatMul and Gemm nodes, for the per-layer error report:
 * `layer 0 · attention · query`, `layer 1 · FFN output`, `pooler`, `classifier`.
 *
 * A graph is a transformer when it has attention: a Softmax computed from a MatMul (the
 * scores) whose output feeds a MatMul (the context). Other graphs get no roles. A node's
 * role comes from its names when they follow a known naming (layerRoleNames.ts), else from
 * the structure around each attention Softmax, whose order gives the layer index:
 *   scores ← Softmax → context; the linears the scores' two inputs and the context's second
 *   input come from are query, key and value; the linear the context flows into is the
 *   output projection; the next two linears are the FFN; after the last layer, the last
 *   linear is the classifier and one linear before it the pooler.
 * A node with neither gets no role; the report still names the node.
 */
import type { Graph, Node } from '../onnx/ir.ts';
import { roleFromName, type LinearRole, type NamedRole } from './layerRoleNames.ts';

const LINEAR_OPS = new Set(['MatMul', 'Gemm']);
/** Roles after the encoder layers, which have no layer index. */
const HEAD_ROLES = new Set<LinearRole>(['pooler', 'classifier']);
/** Ops a tensor passes through between a linear layer and attention: reshapes, casts, scaling, bias, mask. */
const PASS_THROUGH_OPS = new Set(['Transpose', 'Reshape', 'Squeeze', 'Unsqueeze', 'Cast', 'Identity', 'Dropout', 'Add', 'Sub', 'Mul', 'Div', 'Where']);
/** How far a trace follows pass-through ops before it gives up. */
const TRACE_STEPS = 8;

class GraphIndex {
  private readonly producers = new Map<string, Node>();
  private readonly consumers = new Map<string, Node[]>();
  readonly order = new Map<Node, number>();

  constructor(readonly graph: Graph) {
    graph.nodes.forEach((node, i) => {
      this.order.set(node, i);
      for (const output of node.outputs) this.producers.set(output, node);
      for (const input of node.inputs) {
        const consumers = this.consumers.get(input);
        if (consumers) consumers.push(node);
        else this.consumers.set(input, [node]);
      }
    });
  }

  producerOf(tensor: string): Node | undefined {
    return this.producers.get(tensor);
  }

  consumersOf(tensor: string): Node[] {
    return this.consumers.get(tensor) ?? [];
  }

  /** An initializer or a Constant node's output: a weight, a bias, a scale. */
  isConstant(tensor: string): boolean {
    return this.graph.initializers.has(tensor) || this.producers.get(tensor)?.opType === 'Constant';
  }

  /** A MatMul or Gemm with a constant operand: a linear layer. */
  isWeightedLinear(node: Node): boolean {
    return LINEAR_OPS.has(node.opType) && node.inputs.some((input) => this.isConstant(input));
  }

  /** Follows `tensor` back through pass-through ops (along their non-constant input) to the node `found` accepts. */
  traceBack(tensor: string, found: (node: Node) => boolean): Node | undefined {
    let current = tensor;
    for (let step = 0; step < TRACE_STEPS; step++) {
      const node = this.producerOf(current);
      if (!node) return undefined;
      if (found(node)) return node;
      if (!PASS_THROUGH_OPS.has(node.opType)) return undefined;
      const next = node.inputs.find((input) => input !== '' && !this.isConstant(input));
      if (next === undefined) return undefined;
      current = next;
    }
    return undefined;
  }

  /** Follows `tensor` forward through pass-through ops to the first node `found` accepts. */
  traceForward(tensor: string, found: (node: Node) => boolean): Node | undefined {
    let frontier = [tensor];
    for (let step = 0; step < TRACE_STEPS && frontier.length > 0; step++) {
      const consumers = frontier.flatMap((t) => this.consumersOf(t));
      const hit = consumers.find(found);
      if (hit) return hit;
      frontier = consumers.filter((node) => PASS_THROUGH_OPS.has(node.opType)).flatMap((node) => node.outputs);
    }
    return undefined;
  }
}

interface AttentionBlock {
  scores: Node;
  context: Node;
}

function attentionBlocks(index: GraphIndex): AttentionBlock[] {
  const isMatMul = (node: Node): boolean => node.opType === 'MatMul';
  return index.graph.nodes.flatMap((node) => {
    if (node.opType !== 'Softmax' || node.inputs[0] === undefined || node.outputs[0] === undefined) return [];
    const scores = index.traceBack(node.inputs[0], isMatMul);
    const context = index.traceForward(node.outputs[0], isMatMul);
    return scores && context && !index.isWeightedLinear(scores) && !index.isWeightedLinear(context) ? [{ scores, context }] : [];
  });
}

/** Roles from the structure around each attention block, keyed by node. */
function structuralRoles(index: GraphIndex, blocks: readonly AttentionBlock[]): Map<Node, NamedRole> {
  const roles = new Map<Node, NamedRole>();
  const isLinear = (node: Node): boolean => index.isWeightedLinear(node);
  const traceBack = (tensor: string | undefined): Node | undefined => (tensor === undefined ? undefined : index.traceBack(tensor, isLinear));
  const set = (node: Node | undefined, role: LinearRole, layer?: number): void => {
    if (node && !roles.has(node)) roles.set(node, layer === undefined ? { role } : { role, layer });
  };
  const projections = blocks.map(({ scores, context }, layer) => {
    set(scores, 'attention · scores (Q·Kᵀ)', layer);
    set(context, 'attention · context (probs·V)', layer);
    set(traceBack(scores.inputs[0]), 'attention · query', layer);
    set(traceBack(scores.inputs[1]), 'attention · key', layer);
    set(traceBack(context.inputs[1]), 'attention · value', layer);
    const projection = context.outputs[0] === undefined ? undefined : index.traceForward(context.outputs[0], isLinear);
    set(projection, 'attention · output projection', layer);
    return projection;
  });
  // The linears between a layer's output projection and the next layer's attention are its FFN; after the last layer, the head follows.
  const position = (node: Node): number => index.order.get(node)!;
  const unassigned = index.graph.nodes.filter((node) => isLinear(node) && !roles.has(node));
  projections.forEach((projection, layer) => {
    if (!projection) return;
    const next = blocks[layer + 1];
    const nextStart = next ? Math.min(...[...roles].filter(([, r]) => r.layer === layer + 1).map(([node]) => position(node))) : Infinity;
    const between = unassigned.filter((node) => position(node) > position(projection) && position(node) < nextStart);
    if (next ? between.length !== 2 : between.length < 3) return;
    set(between[0], 'FFN intermediate', layer);
    set(between[1], 'FFN output', layer);
    if (next) return;
    const head = between.slice(2);
    set(head[head.length - 1], 'classifier');
    if (head.length === 2) set(head[0], 'pooler');
  });
  return roles;
}

function label({ role, layer }: NamedRole): string {
  return layer === undefined ? role : `layer ${layer} · ${role}`;
}

/** The names a linear node is known by: its own, its output, its constant inputs, and the bias added to its output. */
function namesOf(index: GraphIndex, node: Node): string[] {
  const names = [node.name, ...node.outputs, ...node.inputs.filter((input) => index.isConstant(input))];
  for (const consumer of node.outputs[0] === undefined ? [] : index.consumersOf(node.outputs[0])) {
    if (consumer.opType === 'Add') names.push(...consumer.inputs.filter((input) => index.graph.initializers.has(input)));
  }
  return names.filter(Boolean);
}

/** Node name → role, for the MatMul and Gemm nodes of a transformer whose role is known; empty for other graphs. */
export function layerRoles(graph: Graph): Map<string, string> {
  const index = new GraphIndex(graph);
  const blocks = attentionBlocks(index);
  const roles = new Map<string, string>();
  if (blocks.length === 0) return roles;
  const structural = structuralRoles(index, blocks);
  for (const node of graph.nodes) {
    if (!LINEAR_OPS.has(node.opType)) continue;
    const fromStructure = structural.get(node);
    const fromName = namesOf(index, node).map(roleFromName).find((role) => role !== undefined);
    // A name without a layer index (`attention/query`) takes the index from the structure; the head has none.
    const layer = fromName && !HEAD_ROLES.has(fromName.role) ? (fromName.layer ?? fromStructure?.layer) : undefined;
    const role = fromName ? { role: fromName.role, layer } : fromStructure;
    if (role) roles.set(node.name, label(role));
  }
  return roles;
}
