/**
 * The vocabulary of a gradient rule. A rule sees one forward node and emits the
 * nodes that compute the gradients of its inputs from the gradients of its outputs,
 * as ONNX Runtime's training gradient builder does.
 */
import type { DataType } from '../onnx/dataType.ts';
import type { Attributes } from '../onnx/builder.ts';
import type { Dim, Node, Tensor } from '../onnx/ir.ts';

export interface GradientContext {
  readonly node: Node;
  /** Opset of the default domain (attributes moved to inputs across versions). */
  readonly opset: number;
  /** Name of forward input i (throws when absent). */
  input(index: number): string;
  /** Whether forward input i exists (optional inputs may be absent). */
  hasInput(index: number): boolean;
  /** Name of forward output i. */
  output(index: number): string;
  /** Name of the gradient flowing into output i, or undefined when none flows. */
  gradOfOutput(index: number): string | undefined;
  /** Whether the loss needs the gradient of input i. */
  needsGradOfInput(index: number): boolean;
  /** Records the gradient of input i (accumulated when the input has several consumers). */
  setGradOfInput(index: number, gradient: string): void;
  /** Inferred shape of a tensor of the forward graph. */
  shapeOf(name: string): Dim[] | undefined;
  dataTypeOf(name: string): DataType;
  /** The value of a constant tensor (initializer or folded), if it is one. */
  constantOf(name: string): Tensor | undefined;
  /** Emits one node and returns its first output. */
  op(opType: string, inputs: string[], attributes?: Attributes, domain?: string): string;
  /** Emits one node with several outputs. */
  ops(opType: string, inputs: string[], outputCount: number, attributes?: Attributes, domain?: string): string[];
  /** A scalar constant with the floating type of `like`. */
  scalar(value: number, like: string): string;
  /** A constant int64 vector (axes, shapes, permutations). */
  ints(values: number[]): string;
  /** Throws an error naming the node. */
  fail(message: string): never;
}

export type GradientRule = (context: GradientContext) => void;

/** Marks an op as having no gradient (integer outputs, masks, shape arithmetic). */
export const NO_GRADIENT: GradientRule = () => undefined;
