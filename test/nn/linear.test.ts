import { describe, expect, it } from 'vitest';
import {
  InvalidArgumentError, Linear, Module, Sequential, ShapeError, Tensor, heNormal, manualSeed, relu, sigmoid, xavierUniform,
} from '../../src/index.js';
import { expectClose } from '../helpers/close.js';

const mismatches = (a: Tensor, b: Tensor): number => Array.from(a.data).filter((v, i) => v !== b.data[i]).length;

describe('Linear', () => {
  it('has a [in, out] weight and an [out] bias, both leaves that require grad', () => {
    const layer = new Linear(784, 50, { seed: 1 });
    expect(layer.weight.shape).toEqual([784, 50]);
    expect(layer.bias?.shape).toEqual([50]);
    for (const p of layer.parameters()) {
      expect(p.requiresGrad).toBe(true);
      expect(p._node).toBeNull();
      expect(p.dtype).toBe('float32');
    }
    expect(layer.parameterCount()).toBe(784 * 50 + 50);
    expect(new Linear(3, 2, { bias: false }).parameters()).toHaveLength(1);
    expect(new Linear(3, 2, { dtype: 'float64' }).weight.dtype).toBe('float64');
  });

  it('computes x·W + b for a batch and for one row', () => {
    const layer = new Linear(2, 3, { seed: 0 });
    layer.weight.data.set([1, 2, 3, 4, 5, 6]);
    layer.bias?.data.set([0.5, -0.5, 1]);
    expectClose(layer.forward(Tensor.from([[1, 1], [2, 0]])), [[5.5, 6.5, 10], [2.5, 3.5, 7]]);
    expectClose(layer.forward(Tensor.from([1, 1])), [5.5, 6.5, 10]);
    expect(layer.forward(Tensor.zeros([4, 5, 2])).shape).toEqual([4, 5, 3]);
  });

  it('starts with a zero bias and Xavier-uniform weights inside ±√(6/(in+out)), spread across the range', () => {
    const layer = new Linear(300, 100, { seed: 3 });
    expectClose(layer.bias as Tensor, new Array(100).fill(0));
    const a = Math.sqrt(6 / 400);
    const w = Array.from(layer.weight.data);
    expect(Math.max(...w.map(Math.abs))).toBeLessThanOrEqual(a);
    const variance = w.reduce((s, v) => s + v * v, 0) / w.length;
    expect(Math.abs(variance - (a * a) / 3)).toBeLessThan(0.05 * (a * a) / 3); // U(−a, a) has variance a²/3
  });

  it("uses He-normal weights with init: 'he' (variance 2/fanIn)", () => {
    const w = Array.from(new Linear(400, 200, { seed: 4, init: 'he' }).weight.data);
    const mean = w.reduce((s, v) => s + v, 0) / w.length;
    const variance = w.reduce((s, v) => s + (v - mean) ** 2, 0) / w.length;
    expect(Math.abs(mean)).toBeLessThan(0.005);
    expect(Math.abs(variance - 2 / 400)).toBeLessThan(0.05 * (2 / 400));
    expect(heNormal([400, 200], { seed: 4 }).shape).toEqual([400, 200]);
  });

  it('is deterministic given a seed, and follows manualSeed without one', () => {
    expect(mismatches(new Linear(20, 10, { seed: 7 }).weight, new Linear(20, 10, { seed: 7 }).weight)).toBe(0);
    expect(mismatches(new Linear(20, 10, { seed: 7 }).weight, new Linear(20, 10, { seed: 8 }).weight)).toBeGreaterThan(190);
    manualSeed(11);
    const a = new Linear(20, 10).weight;
    manualSeed(11);
    const b = new Linear(20, 10).weight;
    expect(mismatches(a, b)).toBe(0);
    // float32 and float64 layers with one seed start from the same numbers (up to float32 rounding)
    expectClose(new Linear(5, 4, { seed: 2 }).weight, new Linear(5, 4, { seed: 2, dtype: 'float64' }).weight, { atol: 1e-7, rtol: 1e-6 });
  });

  it('rejects bad sizes, an unknown init, and inputs of the wrong width with errors naming the layer', () => {
    expect(() => new Linear(0, 3)).toThrow(InvalidArgumentError);
    expect(() => new Linear(2.5, 3)).toThrow(/inFeatures must be a positive integer, got 2.5/);
    expect(() => new Linear(2, 3, { init: 'lecun' as never })).toThrow(InvalidArgumentError);
    expect(() => new Linear(4, 3).forward(Tensor.zeros([2, 5]))).toThrow(ShapeError);
    expect(() => new Linear(4, 3).forward(Tensor.zeros([2, 5]))).toThrow('Linear(4, 3): expected an input of shape [..., 4], got shape [2, 5]');
    expect(() => xavierUniform([3])).toThrow(InvalidArgumentError);
  });

  it('zeroGrad resets the gradients that backward accumulated', () => {
    const layer = new Linear(3, 2, { seed: 1 });
    const x = Tensor.from([[1, 2, 3]]);
    layer.forward(x).sum().backward();
    layer.forward(x).sum().backward();
    expectClose(layer.weight.grad as Tensor, [[2, 2], [4, 4], [6, 6]]); // accumulated twice
    layer.zeroGrad();
    expect(layer.weight.grad).toBeNull();
    expect(layer.bias?.grad).toBeNull();
  });
});

/** The very tensors, not equal copies: an optimizer must update the layers' own parameters. */
function expectSame(got: readonly unknown[], want: readonly unknown[]): void {
  expect(got).toHaveLength(want.length);
  want.forEach((p, i) => expect(got[i], `parameter ${i}`).toBe(p));
}

describe('Sequential', () => {
  it("is the textbook's 784-50-10 net with 39,760 parameters, in layer order", () => {
    const l1 = new Linear(784, 50, { seed: 1 });
    const l2 = new Linear(50, 10, { seed: 2 });
    const net = new Sequential([l1, sigmoid, l2]);
    expect(net.parameterCount()).toBe(39760);
    expectSame(net.parameters(), [l1.weight, l1.bias, l2.weight, l2.bias]);
    expect(net.forward(Tensor.zeros([100, 784])).shape).toEqual([100, 10]);
  });

  it('equals the layers applied by hand, and nests', () => {
    const l1 = new Linear(3, 4, { seed: 1 });
    const l2 = new Linear(4, 2, { seed: 2 });
    const x = Tensor.randn([5, 3], { seed: 9 });
    const inner = new Sequential([l1, relu]);
    expectClose(new Sequential([inner, l2]).forward(x), l2.forward(l1.forward(x).relu()));
    expect(new Sequential([inner, l2]).parameters()).toHaveLength(4);
  });

  it('lists a shared layer once, so an optimizer updates it once per step', () => {
    const shared = new Linear(3, 3, { seed: 1 });
    expectSame(new Sequential([shared, sigmoid, shared]).parameters(), [shared.weight, shared.bias]);
  });

  it('rejects a stage that is neither a module nor a function', () => {
    expect(() => new Sequential([new Linear(2, 2), 3 as never])).toThrow(/layer 1 is 3/);
    expect(() => new Sequential('nope' as never)).toThrow(InvalidArgumentError);
  });

  it('zeroGrad reaches every module', () => {
    const net = new Sequential([new Linear(2, 3, { seed: 1 }), sigmoid, new Linear(3, 1, { seed: 2 })]);
    net.forward(Tensor.ones([1, 2])).sum().backward();
    expect(net.parameters().every((p) => p.grad !== null)).toBe(true);
    net.zeroGrad();
    expect(net.parameters().every((p) => p.grad === null)).toBe(true);
  });
});

describe('Module', () => {
  it('can be subclassed for a custom layer', () => {
    class Scale extends Module {
      readonly s = Tensor.from([2], { requiresGrad: true });
      forward(x: Tensor): Tensor { return x.mul(this.s); }
      parameters(): Tensor[] { return [this.s]; }
    }
    const m = new Scale();
    m.forward(Tensor.from([1, 2, 3])).sum().backward();
    expectClose(m.s.grad as Tensor, [6]);
    expect(m.parameterCount()).toBe(1);
  });
});
