import { describe, it } from 'node:test';
import * as assert from 'node:assert/strict';
import { DataType } from '../../../engine/onnx/dataType.ts';
import { findGradientRule } from '../../../engine/autodiff/registry.ts';
import { NO_GRADIENT } from '../../../engine/autodiff/gradientRule.ts';
import { checkGradients } from '../../support/gradientCheck.ts';
import { assertShapesMatchOrt, exactGradients, type NodeInput } from '../../support/singleNode.ts';

const doubles = (dims: number[], values: number[]): NodeInput => ({ dims, values });
const bools = (dims: number[], values: boolean[]): NodeInput => ({ dims, values, dataType: DataType.BOOL });

describe('elementwise gradient rules (finite differences, float64)', () => {
  for (const opType of ['Add', 'Sub', 'Mul']) {
    it(`${opType} with equal shapes`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [2, 3] }, { dims: [2, 3] }] });
    });
    it(`${opType} broadcasting a row and a scalar-like column`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [2, 3, 4] }, { dims: [3, 1] }] });
    });
  }
  it('Div keeps the divisor away from zero', async () => {
    await checkGradients({ opType: 'Div', inputs: [{ dims: [2, 3] }, { dims: [3], range: [0.5, 2] }] });
  });
  it('Div broadcasting the numerator', async () => {
    await checkGradients({ opType: 'Div', inputs: [{ dims: [1, 3] }, { dims: [4, 3], range: [0.5, 2] }] });
  });
  it('Sum of three inputs, two of them broadcast', async () => {
    await checkGradients({ opType: 'Sum', inputs: [{ dims: [2, 3, 4] }, { dims: [4] }, { dims: [2, 1, 1] }] });
  });
  it('Sum of one input', async () => {
    await checkGradients({ opType: 'Sum', inputs: [{ dims: [3, 2] }] });
  });
  it('Pow with both base and exponent trainable and broadcast', async () => {
    await checkGradients({ opType: 'Pow', inputs: [{ dims: [2, 3], range: [0.5, 2] }, { dims: [3], range: [-2, 3] }] });
  });
  for (const exponent of [2, 3, 0.5, -1.5]) {
    it(`Pow with the constant scalar exponent ${exponent}`, async () => {
      await checkGradients({ opType: 'Pow', inputs: [{ dims: [3, 4], range: [0.5, 2] }, { dims: [], values: [exponent], constant: true }] });
    });
  }
  it('Pow with an int64 constant exponent', async () => {
    await checkGradients({ opType: 'Pow', inputs: [{ dims: [3, 4] }, { dims: [], values: [3], dataType: 'int64', constant: true }] });
  });
  it('Pow with a constant tensor exponent', async () => {
    await checkGradients({ opType: 'Pow', inputs: [{ dims: [3, 4], range: [0.5, 2] }, { dims: [4], values: [1, 2, 3, -0.5], constant: true }] });
  });
  it('Neg', async () => {
    await checkGradients({ opType: 'Neg', inputs: [{ dims: [2, 5] }] });
  });
  it('Sqrt', async () => {
    await checkGradients({ opType: 'Sqrt', inputs: [{ dims: [2, 5], range: [0.2, 3] }] });
  });
  it('Exp', async () => {
    await checkGradients({ opType: 'Exp', inputs: [{ dims: [2, 5], range: [-2, 2] }] });
  });
  it('Log', async () => {
    await checkGradients({ opType: 'Log', inputs: [{ dims: [2, 5], range: [0.2, 3] }] });
  });
  it('Abs away from zero', async () => {
    await checkGradients({ opType: 'Abs', inputs: [{ dims: [8], values: [-2, -1, -0.5, -0.1, 0.1, 0.5, 1, 2] }] });
  });
  it('Reciprocal', async () => {
    await checkGradients({ opType: 'Reciprocal', inputs: [{ dims: [2, 3], values: [-2, -0.7, -0.3, 0.4, 1, 3] }] });
  });
  for (const opType of ['Max', 'Min']) {
    it(`${opType} of two inputs with equal shapes`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [3, 4] }, { dims: [3, 4] }] });
    });
    it(`${opType} broadcasting the second input`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [2, 3, 4] }, { dims: [3, 1] }] });
    });
    it(`${opType} of one input`, async () => {
      await checkGradients({ opType, inputs: [{ dims: [3, 2] }] });
    });
    it(`${opType} of three inputs is refused with a message naming the node`, async () => {
      await assert.rejects(checkGradients({ opType, inputs: [{ dims: [2] }, { dims: [2] }, { dims: [2] }] }), /op_under_test.*one or two inputs, not 3/);
    });
  }
});

describe('elementwise gradients at ties and masks (exact)', () => {
  it('Max gives a tie entirely to its first input', async () => {
    const [dA, dB] = await exactGradients({ opType: 'Max', inputs: [doubles([4], [1, 2, 3, 4]), doubles([4], [0, 2, 5, 4])] }, [0, 1], [1, 2, 3, 4]);
    assert.deepEqual(dA, [1, 2, 0, 4]);
    assert.deepEqual(dB, [0, 0, 3, 0]);
  });
  it('Min gives a tie entirely to its first input, also when broadcast', async () => {
    const [dA, dB] = await exactGradients({ opType: 'Min', inputs: [doubles([2, 2], [1, 2, 3, 2]), doubles([2], [2, 2])] }, [0, 1]);
    assert.deepEqual(dA, [1, 1, 0, 1]);
    assert.deepEqual(dB, [1, 0]);
  });
  it('Abs passes nothing at zero', async () => {
    const [dX] = await exactGradients({ opType: 'Abs', inputs: [doubles([3], [-2, 0, 3])] }, [0]);
    assert.deepEqual(dX, [-1, 0, 1]);
  });
  it('Where sends the gradient to X where the condition holds and to Y elsewhere, unbroadcast', async () => {
    const condition = bools([2, 3], [true, false, true, false, false, true]);
    const [dX, dY] = await exactGradients({ opType: 'Where', inputs: [condition, doubles([2, 3], [1, 2, 3, 4, 5, 6]), doubles([3], [7, 8, 9])] }, [1, 2], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(dX, [1, 0, 3, 0, 0, 6]);
    assert.deepEqual(dY, [4, 2 + 5, 0]);
  });
  it('Where with a broadcast condition and a scalar Y', async () => {
    const [dX, dY] = await exactGradients({ opType: 'Where', inputs: [bools([3, 1], [true, false, true]), doubles([3, 2], [1, 2, 3, 4, 5, 6]), doubles([], [0])] }, [1, 2], [1, 2, 3, 4, 5, 6]);
    assert.deepEqual(dX, [1, 2, 0, 0, 5, 6]);
    assert.deepEqual(dY, [3 + 4]);
  });
});

describe('elementwise ops without a gradient: shapes agree with ONNX Runtime', () => {
  const a = doubles([2, 1, 3], [1, 2, 3, 4, 5, 6]);
  const b = doubles([4, 1], [1, 3, 5, 7]);
  for (const opType of ['Equal', 'Less', 'Greater', 'LessOrEqual', 'GreaterOrEqual']) {
    it(`${opType} broadcasts to a boolean`, async () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
      await assertShapesMatchOrt({ opType, inputs: [a, b] });
    });
  }
  for (const opType of ['And', 'Or']) {
    it(`${opType} broadcasts booleans`, async () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
      await assertShapesMatchOrt({ opType, inputs: [bools([2, 3], [true, false, true, false, true, true]), bools([3], [false, true, true])] });
    });
  }
  it('Not keeps the shape', async () => {
    assert.equal(findGradientRule('', 'Not'), NO_GRADIENT);
    await assertShapesMatchOrt({ opType: 'Not', inputs: [bools([2, 2], [true, false, false, true])] });
  });
  for (const opType of ['Round', 'Floor', 'Ceil', 'Sign']) {
    it(`${opType} keeps type and shape`, async () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
      await assertShapesMatchOrt({ opType, inputs: [a] });
    });
  }
  for (const opType of ['IsNaN', 'IsInf']) {
    it(`${opType} gives booleans of the input's shape`, async () => {
      assert.equal(findGradientRule('', opType), NO_GRADIENT);
      await assertShapesMatchOrt({ opType, inputs: [doubles([3, 1], [1, Number.NaN, Number.POSITIVE_INFINITY])] });
    });
  }
  it('Where broadcasts all three inputs', async () => {
    await assertShapesMatchOrt({ opType: 'Where', inputs: [bools([3, 1], [true, false, true]), doubles([2, 1, 1], [1, 2]), doubles([4], [1, 2, 3, 4])] });
  });
  it('Pow keeps the base type with an int64 exponent', async () => {
    await assertShapesMatchOrt({ opType: 'Pow', inputs: [doubles([2, 3], [1, 2, 3, 4, 5, 6]), { dims: [], values: [2], dataType: DataType.INT64 }] });
  });
});
