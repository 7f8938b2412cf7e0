/** Gradients of matrix products: MatMul (1-D operands, broadcast batch dims) and Gemm. */
import type { GradientContext, GradientRule } from '../gradientRule.ts';
import { attr, getFloat, getInt } from '../../onnx/builder.ts';
import type { Dim } from '../../onnx/ir.ts';
import { unbroadcast } from './broadcast.ts';

/** Permutation swapping the last two axes of a tensor of the given rank. */
function swapLastTwo(rank: number): number[] {
  const perm = Array.from({ length: rank }, (_, i) => i);
  perm[rank - 2] = rank - 1;
  perm[rank - 1] = rank - 2;
  return perm;
}

function transposeLastTwo(c: GradientContext, name: string, rank: number): string {
  return c.op('Transpose', [name], { perm: attr.ints(swapLastTwo(rank)) });
}

/**
 * Sums a batched product gradient (shape `[...batch, r, s]`) over the batch axes
 * that the operand (shape `operand`) was broadcast along, then gives it the operand's shape.
 */
function reduceToOperand(c: GradientContext, gradient: string, batch: Dim[], operand: Dim[], operandName: string): string {
  const operandBatch = operand.slice(0, -2);
  const offset = batch.length - operandBatch.length;
  const axes: number[] = [];
  batch.forEach((d, axis) => {
    const own = axis < offset ? undefined : operandBatch[axis - offset];
    if (own === undefined || (own === 1 && d !== 1)) axes.push(axis);
  });
  if (axes.length === 0) return gradient;
  const summed = c.op('ReduceSum', [gradient, c.ints(axes)], { keepdims: attr.int(0) });
  return c.op('Reshape', [summed, c.op('Shape', [operandName])]);
}

/** The broadcast of two batch shapes (right-aligned; a 1 yields to the other dim). */
function broadcastBatch(left: Dim[], right: Dim[]): Dim[] {
  const rank = Math.max(left.length, right.length);
  return Array.from({ length: rank }, (_, axis) => {
    const l = left[axis - (rank - left.length)] ?? 1;
    const r = right[axis - (rank - right.length)] ?? 1;
    return l === 1 ? r : l;
  });
}

export const matmulGradients: Record<string, GradientRule> = {
  // dA = dY · Bᵀ, dB = Aᵀ · dY (1-D operands promoted to matrices; broadcast batch axes summed)
  MatMul: (c) => {
    const dY = c.gradOfOutput(0)!;
    const a = c.input(0);
    const b = c.input(1);
    const aShape = c.shapeOf(a);
    const bShape = c.shapeOf(b);
    if (!aShape || !bShape) return c.fail('the ranks of both operands must be known');
    const aVector = aShape.length === 1;
    const bVector = bShape.length === 1;
    // Promote to matrices as MatMul does: A [K] → [1, K], B [K] → [K, 1], dY gains those unit axes.
    const a2 = aVector ? c.op('Unsqueeze', [a, c.ints([0])]) : a;
    const b2 = bVector ? c.op('Unsqueeze', [b, c.ints([1])]) : b;
    const a2Shape: Dim[] = aVector ? [1, aShape[0]!] : aShape;
    const b2Shape: Dim[] = bVector ? [bShape[0]!, 1] : bShape;
    const unitAxes = aVector && bVector ? [0, 1] : [...(aVector ? [-2] : []), ...(bVector ? [-1] : [])];
    const dY2 = unitAxes.length === 0 ? dY : c.op('Unsqueeze', [dY, c.ints(unitAxes)]);
    if (b2Shape.length === 2) {
      // B is one matrix: flatten the batch so each gradient is one Gemm (no Transpose nodes).
      const k = b2Shape[0]!;
      const n = b2Shape[1]!;
      if (typeof k !== 'number' || typeof n !== 'number') return c.fail('MatMul with a 2-D right operand needs its sizes to be static');
      const flat = (name: string, rank: number, columns: number): string => (rank === 2 ? name : c.op('Reshape', [name, c.ints([-1, columns])]));
      const flatDY = flat(dY2, Math.max(a2Shape.length, 2), n);
      if (c.needsGradOfInput(0)) {
        const dA = c.op('Gemm', [flatDY, b2], { transB: attr.int(1) });
        c.setGradOfInput(0, aShape.length === 2 ? dA : c.op('Reshape', [dA, c.op('Shape', [a])]));
      }
      if (c.needsGradOfInput(1)) {
        const dB = c.op('Gemm', [flat(a2, a2Shape.length, k), flatDY], { transA: attr.int(1) });
        c.setGradOfInput(1, bVector ? c.op('Reshape', [dB, c.op('Shape', [b])]) : dB);
      }
      return;
    }
    const outputBatch = broadcastBatch(a2Shape.slice(0, -2), b2Shape.slice(0, -2));
    if (c.needsGradOfInput(0)) {
      const dA = reduceToOperand(c, c.op('MatMul', [dY2, transposeLastTwo(c, b2, b2Shape.length)]), outputBatch, a2Shape, a2);
      c.setGradOfInput(0, aVector ? c.op('Reshape', [dA, c.op('Shape', [a])]) : dA);
    }
    if (c.needsGradOfInput(1)) {
      const dB = reduceToOperand(c, c.op('MatMul', [transposeLastTwo(c, a2, a2Shape.length), dY2]), outputBatch, b2Shape, b2);
      c.setGradOfInput(1, dB);
    }
  },
  // Y = α·op(A)·op(B) + β·C: dA = α·dY·op(B)ᵀ (transposed back when transA), dB = α·op(A)ᵀ·dY (likewise), dC = β·Σ dY
  Gemm: (c) => {
    const dY = c.gradOfOutput(0)!;
    const alpha = getFloat(c.node, 'alpha', 1);
    const beta = getFloat(c.node, 'beta', 1);
    const transA = getInt(c.node, 'transA', 0) === 1;
    const transB = getInt(c.node, 'transB', 0) === 1;
    const scaled = { alpha: attr.float(alpha) };
    if (c.needsGradOfInput(0)) {
      const dA = transA
        ? c.op('Gemm', [c.input(1), dY], { ...scaled, transA: attr.int(transB ? 1 : 0), transB: attr.int(1) })
        : c.op('Gemm', [dY, c.input(1)], { ...scaled, transB: attr.int(transB ? 0 : 1) });
      c.setGradOfInput(0, dA);
    }
    if (c.needsGradOfInput(1)) {
      const dB = transB
        ? c.op('Gemm', [dY, c.input(0)], { ...scaled, transA: attr.int(1), transB: attr.int(transA ? 1 : 0) })
        : c.op('Gemm', [c.input(0), dY], { ...scaled, transA: attr.int(transA ? 0 : 1) });
      c.setGradOfInput(1, dB);
    }
    if (c.hasInput(2) && c.needsGradOfInput(2)) {
      const dC = unbroadcast(c, dY, 2);
      c.setGradOfInput(2, beta === 1 ? dC : c.op('Mul', [dC, c.scalar(beta, c.output(0))]));
    }
  },
};
