/**
 * Builds small feed-forward ONNX models layer by layer with the engine's own
 * helpers: the MNIST examples, test models and benchmark models come from here.
 */
import { DataType } from '../onnx/dataType.ts';
import { attr, DEFAULT_OPSET, makeGraph, makeModel, makeNode, makeTensor, makeValueInfo } from '../onnx/builder.ts';
import type { Dim, Model, Node, Tensor } from '../onnx/ir.ts';
import { SeededRandom } from '../util/random.ts';
import { uniformFanIn } from './initializers.ts';

export type LayerSpec =
  | { kind: 'conv'; outChannels: number; kernel: number; stride?: number; padding?: number }
  | { kind: 'relu' }
  | { kind: 'maxpool'; kernel: number; stride?: number }
  | { kind: 'avgpool'; kernel: number; stride?: number }
  | { kind: 'globalavgpool' }
  | { kind: 'flatten' }
  | { kind: 'linear'; outFeatures: number };

export interface SequentialSpec {
  name: string;
  /** Per-example input shape, e.g. [1, 28, 28]. */
  inputShape: number[];
  layers: LayerSpec[];
  seed?: number;
}

/** Input and output names of every model this builder makes. */
export const MODEL_INPUT = 'input';
export const MODEL_OUTPUT = 'logits';

export function buildSequentialModel(spec: SequentialSpec): Model {
  const random = new SeededRandom(spec.seed ?? 1);
  const nodes: Node[] = [];
  const initializers: Tensor[] = [];
  let current = MODEL_INPUT;
  let shape: number[] = [...spec.inputShape];
  const counters = new Map<string, number>();
  const nameFor = (kind: string): string => {
    const k = (counters.get(kind) ?? 0) + 1;
    counters.set(kind, k);
    return `${kind}${k}`;
  };
  spec.layers.forEach((layer, index) => {
    const isLast = index === spec.layers.length - 1;
    const name = nameFor(layer.kind);
    const output = isLast ? MODEL_OUTPUT : `${name}_out`;
    switch (layer.kind) {
      case 'conv': {
        const [channels, height, width] = shape as [number, number, number];
        const stride = layer.stride ?? 1;
        const padding = layer.padding ?? Math.floor(layer.kernel / 2);
        const fanIn = channels * layer.kernel * layer.kernel;
        const weight = makeTensor(`${name}.weight`, DataType.FLOAT, [layer.outChannels, channels, layer.kernel, layer.kernel], uniformFanIn(layer.outChannels * fanIn, fanIn, random));
        const bias = makeTensor(`${name}.bias`, DataType.FLOAT, [layer.outChannels], uniformFanIn(layer.outChannels, fanIn, random));
        initializers.push(weight, bias);
        nodes.push(makeNode('Conv', [current, weight.name, bias.name], [output], name, {
          kernel_shape: attr.ints([layer.kernel, layer.kernel]),
          strides: attr.ints([stride, stride]),
          pads: attr.ints([padding, padding, padding, padding]),
        }));
        const out = (d: number): number => Math.floor((d + 2 * padding - layer.kernel) / stride) + 1;
        shape = [layer.outChannels, out(height), out(width)];
        break;
      }
      case 'relu':
        nodes.push(makeNode('Relu', [current], [output], name));
        break;
      case 'maxpool':
      case 'avgpool': {
        const stride = layer.stride ?? layer.kernel;
        nodes.push(makeNode(layer.kind === 'maxpool' ? 'MaxPool' : 'AveragePool', [current], [output], name, {
          kernel_shape: attr.ints([layer.kernel, layer.kernel]),
          strides: attr.ints([stride, stride]),
        }));
        const [c, h, w] = shape as [number, number, number];
        const out = (d: number): number => Math.floor((d - layer.kernel) / stride) + 1;
        shape = [c, out(h), out(w)];
        break;
      }
      case 'globalavgpool':
        nodes.push(makeNode('GlobalAveragePool', [current], [output], name));
        shape = [shape[0]!, 1, 1];
        break;
      case 'flatten':
        nodes.push(makeNode('Flatten', [current], [output], name, { axis: attr.int(1) }));
        shape = [shape.reduce((a, b) => a * b, 1)];
        break;
      case 'linear': {
        if (shape.length !== 1) throw new Error(`${spec.name}: layer ${index} (linear) needs a flat input, got [${shape.join(', ')}]; add a flatten layer`);
        const fanIn = shape[0]!;
        const weight = makeTensor(`${name}.weight`, DataType.FLOAT, [layer.outFeatures, fanIn], uniformFanIn(layer.outFeatures * fanIn, fanIn, random));
        const bias = makeTensor(`${name}.bias`, DataType.FLOAT, [layer.outFeatures], uniformFanIn(layer.outFeatures, fanIn, random));
        initializers.push(weight, bias);
        nodes.push(makeNode('Gemm', [current, weight.name, bias.name], [output], name, { transB: attr.int(1) }));
        shape = [layer.outFeatures];
        break;
      }
    }
    current = output;
  });
  const batch: Dim = 'N';
  const graph = makeGraph(spec.name, nodes, [makeValueInfo(MODEL_INPUT, DataType.FLOAT, [batch, ...spec.inputShape])], [makeValueInfo(MODEL_OUTPUT, DataType.FLOAT, [batch, ...shape])], initializers);
  return makeModel(graph, [{ domain: '', version: DEFAULT_OPSET }]);
}

