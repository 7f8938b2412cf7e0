import { describe, it } from 'node:test';
import { attr } from '../../../engine/onnx/builder.ts';
import { checkGradients } from '../../support/gradientCheck.ts';

describe('MatMul gradient (finite differences)', () => {
  // A batched right operand needs Transpose + MatMul, which ONNX Runtime fuses into its
  // float32-only FusedMatMul; those cases run in float32, the rest (Gemm-based) in float64.
  const cases: [string, number[], number[]][] = [
    ['2-D by 2-D', [3, 4], [4, 5]],
    ['1-D by 2-D', [4], [4, 3]],
    ['2-D by 1-D', [3, 4], [4]],
    ['1-D by 1-D', [4], [4]],
    ['3-D by 2-D (shared right operand)', [2, 3, 4], [4, 5]],
    ['2-D by 3-D (shared left operand)', [3, 4], [2, 4, 5]],
    ['3-D by 3-D with a broadcast batch', [1, 3, 4], [2, 4, 5]],
    ['4-D by 3-D broadcasting both ways', [2, 1, 3, 4], [3, 4, 2]],
    ['1-D by 3-D', [4], [2, 4, 3]],
    ['3-D by 1-D', [2, 3, 4], [4]],
  ];
  for (const [label, a, b] of cases) {
    it(`${label}${b.length > 2 ? ' (float32)' : ''}`, async () => {
      const precision = b.length > 2 ? 'float32' : 'float64';
      await checkGradients({ opType: 'MatMul', inputs: [{ dims: a }, { dims: b }], precision });
    });
  }
});

describe('Gemm gradient (finite differences, float64)', () => {
  for (const transA of [0, 1]) {
    for (const transB of [0, 1]) {
      it(`transA=${transA} transB=${transB} with alpha, beta and a full C`, async () => {
        await checkGradients({
          opType: 'Gemm',
          inputs: [{ dims: transA ? [4, 3] : [3, 4] }, { dims: transB ? [5, 4] : [4, 5] }, { dims: [3, 5] }],
          attributes: { transA: attr.int(transA), transB: attr.int(transB), alpha: attr.float(0.7), beta: attr.float(-1.3) },
        });
      });
    }
  }
  for (const cDims of [[5], [1, 5], [3, 1], []]) {
    it(`broadcasting C of shape [${cDims.join(', ')}]`, async () => {
      await checkGradients({ opType: 'Gemm', inputs: [{ dims: [3, 4] }, { dims: [5, 4] }, { dims: cDims }], attributes: { transB: attr.int(1), beta: attr.float(0.5) } });
    });
  }
  it('without C', async () => {
    await checkGradients({ opType: 'Gemm', inputs: [{ dims: [3, 4] }, { dims: [4, 2] }] });
  });
});
