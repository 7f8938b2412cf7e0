/** How tensors and nodes of a model read in completions and hovers. */
import type { ModelDescription, TensorDescription } from '../../contracts/engineProtocol.ts';

export interface NodeSummary {
  name: string;
  opType: string;
  outputs: TensorDescription[];
}

export function formatShape(shape: TensorDescription['shape']): string {
  return shape ? `[${shape.join(', ')}]` : 'shape unknown';
}

/** `[N, 16, 28, 28] · Relu`: what a completion shows beside a tensor name. */
export function tensorDetail(tensor: TensorDescription): string {
  return `${formatShape(tensor.shape)} · ${tensor.producer}`;
}

/** Tensors a mapping can name: graph inputs and node outputs, in graph order (weights are never meant). */
export function mappableTensors(model: ModelDescription): TensorDescription[] {
  return model.tensors.filter((t) => t.producer !== 'initializer');
}

/** Nodes in graph order, with their outputs (quantization.exclude names nodes). */
export function nodesOf(model: ModelDescription): NodeSummary[] {
  const nodes = new Map<string, NodeSummary>();
  for (const tensor of model.tensors) {
    if (!tensor.node) continue;
    const node = nodes.get(tensor.node) ?? { name: tensor.node, opType: tensor.producer, outputs: [] };
    node.outputs.push(tensor);
    nodes.set(tensor.node, node);
  }
  return [...nodes.values()];
}

/** `Conv → [N, 16, 28, 28]`: what a completion shows beside a node name. */
export function nodeDetail(node: NodeSummary): string {
  return `${node.opType} → ${node.outputs.map((o) => formatShape(o.shape)).join(', ')}`;
}

/** Markdown lines for a hover or a completion's documentation. */
export function tensorMarkdown(tensor: TensorDescription, modelFile: string): string {
  const made = tensor.producer === 'input' ? 'graph input' : tensor.producer === 'initializer' ? 'initializer (a weight)' : `output of \`${tensor.node}\` (${tensor.producer})`;
  return [`**\`${tensor.name}\`** in \`${modelFile}\``, '', `- shape: \`${formatShape(tensor.shape)}\` ${tensor.dataType}`, `- ${made}`].join('\n');
}

export function nodeMarkdown(node: NodeSummary, modelFile: string): string {
  const outputs = node.outputs.map((o) => `- output \`${o.name}\`: \`${formatShape(o.shape)}\` ${o.dataType}`);
  return [`**\`${node.name}\`** (${node.opType}) in \`${modelFile}\``, '', ...outputs].join('\n');
}
