import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { attr } from '../../../engine/onnx/builder.ts';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { checkGradients, type CheckedInput } from '../../support/gradientCheck.ts';
import { assertShapesMatchOrt, exactGradients } from '../../support/singleNode.ts';

/** Twelve values in (−2, 2), at least 0.1 away from the kinks and bounds used below (0, ±0.5, 1). */
const spread = [-1.9, -1.3, -0.8, -0.3, -0.1, 0.2, 0.4, 0.7, 0.9, 1.2, 1.6, 1.95];
const matrix: CheckedInput = { dims: [3, 4], values: spread };

const rank3: CheckedInput = { dims: [2, 3, 4], range: [-2, 2] };

describe('activation gradient rules (finite differences; float32 where ONNX Runtime has no double kernel)', () => {
  it('Relu (float64)', async () => {
    await checkGradients({ opType: 'Relu', inputs: [matrix] });
  });
  it('Sigmoid (float64)', async () => {
    await checkGradients({ opType: 'Sigmoid', inputs: [rank3] });
  });
  it('Tanh (float64)', async () => {
    await checkGradients({ opType: 'Tanh', inputs: [rank3] });
  });
  for (const axis of [1, -1, 0]) {
    it(`Softmax on axis ${axis} of a rank-3 tensor (float64)`, async () => {
      await checkGradients({ opType: 'Softmax', inputs: [rank3], attributes: { axis: attr.int(axis) } });
    });
    it(`LogSoftmax on axis ${axis} of a rank-3 tensor (float64)`, async () => {
      await checkGradients({ opType: 'LogSoftmax', inputs: [rank3], attributes: { axis: attr.int(axis) } });
    });
  }
  for (const opset of [13, 21]) {
    it(`Softmax and LogSoftmax with the default axis (−1) at opset ${opset} (float64)`, async () => {
      await checkGradients({ opType: 'Softmax', inputs: [rank3], opset });
      await checkGradients({ opType: 'LogSoftmax', inputs: [rank3], opset });
    });
  }
  it('LeakyRelu with alpha 0.2 (float64)', async () => {
    await checkGradients({ opType: 'LeakyRelu', inputs: [matrix], attributes: { alpha: attr.float(0.2) } });
  });
  it('Elu with alpha 0.7 (float32)', async () => {
    await checkGradients({ opType: 'Elu', inputs: [matrix], attributes: { alpha: attr.float(0.7) }, precision: 'float32' });
  });
  it('Softplus (float32)', async () => {
    await checkGradients({ opType: 'Softplus', inputs: [rank3], precision: 'float32' });
  });
  it('HardSigmoid with the default alpha and beta (kinks at ±2.5) (float32)', async () => {
    await checkGradients({ opType: 'HardSigmoid', inputs: [{ dims: [12], values: [-3, -2.7, ...spread.slice(0, 8), 2.7, 3.2] }], precision: 'float32' });
  });
  it('HardSwish away from its kinks at ±3 (float32)', async () => {
    await checkGradients({ opType: 'HardSwish', inputs: [{ dims: [12], values: [-4, -3.4, ...spread.slice(0, 8), 3.3, 4.1] }], precision: 'float32' });
  });
  it('Clip with constant min and max (float64)', async () => {
    await checkGradients({ opType: 'Clip', inputs: [matrix, { dims: [], values: [-0.5], constant: true }, { dims: [], values: [1], constant: true }] });
  });
  it('Clip with trainable min and max (float64)', async () => {
    await checkGradients({ opType: 'Clip', inputs: [matrix, { dims: [], values: [-0.5] }, { dims: [], values: [1] }] });
  });
  it('Clip with only a max (float64)', async () => {
    await checkGradients({ opType: 'Clip', inputs: [matrix, null, { dims: [], values: [0.5] }] });
  });
  it('Clip with only a min (float64)', async () => {
    await checkGradients({ opType: 'Clip', inputs: [matrix, { dims: [], values: [-0.5] }] });
  });
  it('Clip with no bounds (float64)', async () => {
    await checkGradients({ opType: 'Clip', inputs: [{ dims: [5] }] });
  });
});

describe('activation gradients at kinks (exact, documented convention)', () => {
  const weights = [1, 2, 3, 4, 5];
  it('Relu passes nothing at exactly 0', async () => {
    const [dX] = await exactGradients({ opType: 'Relu', inputs: [{ dims: [5], values: [-1, 0, 2, -0, 0.5] }] }, [0], weights);
    assert.deepEqual(dX, [0, 0, 3, 0, 5]);
  });
  it('Clip passes nothing to X on either bound; the bound there takes it', async () => {
    const x = { dims: [5], values: [-0.5, 0, 1, 2, -1] };
    const [dX, dMin, dMax] = await exactGradients({ opType: 'Clip', inputs: [x, { dims: [], values: [-0.5] }, { dims: [], values: [1] }] }, [0, 1, 2], weights);
    assert.deepEqual(dX, [0, 2, 0, 0, 0]);
    assert.deepEqual(dMin, [1 + 5]);
    assert.deepEqual(dMax, [3 + 4]);
  });
  it('Clip with min 0 agrees with Relu at the kink', async () => {
    const x = { dims: [5], values: [-1, 0, 2, -0, 0.5] };
    const [dX] = await exactGradients({ opType: 'Clip', inputs: [x, { dims: [], values: [0], constant: true }] }, [0], weights);
    assert.deepEqual(dX, [0, 0, 3, 0, 5]);
  });
  it('LeakyRelu uses alpha at exactly 0', async () => {
    const [dX] = await exactGradients({ opType: 'LeakyRelu', inputs: [{ dims: [3], values: [-1, 0, 1] }], attributes: { alpha: attr.float(0.25) } }, [0], [4, 4, 4]);
    assert.deepEqual(dX, [1, 1, 4]);
  });
  it('HardSwish takes PyTorch\'s slopes at its kinks: 0 below −3, X/3 + ½ from −3 to 3, 1 above', async () => {
    const [dX] = await exactGradients({ opType: 'HardSwish', inputs: [{ dims: [5], values: [-3.5, -3, 0, 3, 3.5], dataType: DataType.FLOAT }] }, [0], [1, 1, 1, 1, 1]);
    assert.deepEqual(dX, [0, -0.5, 0.5, 1.5, 1]);
  });
  it('HardSigmoid passes nothing at its kinks (αX + β = 0 or 1)', async () => {
    const [dX] = await exactGradients({ opType: 'HardSigmoid', inputs: [{ dims: [4], values: [-2, 0, 2, 3], dataType: DataType.FLOAT }], attributes: { alpha: attr.float(0.25) } }, [0], [1, 1, 1, 1]);
    assert.deepEqual(dX, [0, 0.25, 0, 0]);
  });
});

describe('activation shapes', () => {
  it('Softmax keeps the shape ONNX Runtime gives it', async () => {
    await assertShapesMatchOrt({ opType: 'Softmax', inputs: [{ dims: [2, 3], values: [1, 2, 3, 4, 5, 6] }], attributes: { axis: attr.int(0) } });
  });
  it('LogSoftmax with an axis outside the rank is refused, naming the node', async () => {
    await assert.rejects(assertShapesMatchOrt({ opType: 'LogSoftmax', inputs: [{ dims: [2, 3], values: [1, 2, 3, 4, 5, 6] }], attributes: { axis: attr.int(2) } }), /op_under_test.*axis 2 is out of range for rank 2/);
  });
});
