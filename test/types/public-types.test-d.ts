// Pins the public types: a change here is a change to the API (see docs/api-stability.md).
import { describe, expectTypeOf, test } from 'vitest';
import {
  defineOp, grad, gradcheck, Tensor, valueAndGrad,
  type DType, type GradcheckReport, type Op, type OpContext, type TypedArray,
} from '../../src/index.js';

describe('Tensor', () => {
  test('constructors, reading and ops', () => {
    const t = Tensor.from([[1, 2], [3, 4]], { dtype: 'float64', requiresGrad: true });
    expectTypeOf(t).toEqualTypeOf<Tensor>();
    expectTypeOf(t.shape).toEqualTypeOf<readonly number[]>();
    expectTypeOf(t.dtype).toEqualTypeOf<DType>();
    expectTypeOf<DType>().toEqualTypeOf<'float32' | 'float64'>();
    expectTypeOf(t.data).toEqualTypeOf<TypedArray>();
    expectTypeOf(t.grad).toEqualTypeOf<Tensor | null>();
    expectTypeOf(t.item()).toEqualTypeOf<number>();
    expectTypeOf(t.add(1).matmul(t).sum(0, { keepdims: true })).toEqualTypeOf<Tensor>();
    expectTypeOf(t.backward).parameters.toEqualTypeOf<[gradOutput?: Tensor, options?: { readonly retainGraph?: boolean; readonly createGraph?: boolean }]>();
    expectTypeOf(t.backward()).toEqualTypeOf<void>();
  });

  test('misuse does not compile', () => {
    // @ts-expect-error the constructor is private: use Tensor.from / zeros / ...
    void (() => new Tensor());
    // @ts-expect-error int32 is not a dtype
    void (() => Tensor.zeros([2], { dtype: 'int32' }));
    // @ts-expect-error shape is readonly
    void ((t: Tensor) => (t.shape = [1]));
    // @ts-expect-error add takes a tensor or a number, not an array
    void ((t: Tensor) => t.add([1, 2]));
  });
});

describe('grad and valueAndGrad', () => {
  const f = (x: Tensor, y: Tensor, scale: number): Tensor => x.mul(y).sum().mul(scale);

  test('one argnum gives one tensor, a list gives a list', () => {
    expectTypeOf(grad(f)).toEqualTypeOf<(x: Tensor, y: Tensor, scale: number) => Tensor>();
    expectTypeOf(grad(f, { argnums: [0, 1] })).returns.toEqualTypeOf<[Tensor, Tensor]>();
    expectTypeOf(valueAndGrad(f)).returns.toEqualTypeOf<[Tensor, Tensor]>();
    expectTypeOf(valueAndGrad(f, { argnums: [0, 1] })).returns.toEqualTypeOf<[Tensor, [Tensor, Tensor]]>();
    expectTypeOf(grad(f)).parameters.toEqualTypeOf<[x: Tensor, y: Tensor, scale: number]>();
  });

  test('misuse does not compile', () => {
    // @ts-expect-error f must return a Tensor
    void (() => grad((x: Tensor) => x.item()));
    // @ts-expect-error the transformed function keeps f's parameter types
    void (() => grad(f)(Tensor.scalar(1), Tensor.scalar(2), 'three'));
  });
});

describe('defineOp', () => {
  test('an op is typed by its inputs tuple and attributes', () => {
    const Scale = defineOp<[Tensor], { factor: number }>({
      name: 'Scale',
      forward: ([x], { factor }) => x.mul(factor),
      backward: (g, ctx) => {
        expectTypeOf(ctx).toEqualTypeOf<OpContext<[Tensor], { factor: number }, undefined>>();
        return [g.mul(ctx.attrs.factor)];
      },
    });
    expectTypeOf(Scale).toEqualTypeOf<Op<[Tensor], { factor: number }>>();
    expectTypeOf(Scale.opName).toEqualTypeOf<string>();
    expectTypeOf(Scale).returns.toEqualTypeOf<Tensor>();
    // @ts-expect-error the attributes are required for an op that declares them
    void (() => Scale([Tensor.scalar(1)]));
    // @ts-expect-error one input, not two
    void (() => Scale([Tensor.scalar(1), Tensor.scalar(2)], { factor: 2 }));
  });

  test('backward must return one gradient (or null) per input', () => {
    defineOp<[Tensor, Tensor]>({
      name: 'Pair',
      forward: ([a, b]) => a.add(b),
      backward: (g) => [g, null],
    });
    defineOp<[Tensor, Tensor]>({
      name: 'Bad',
      forward: ([a, b]) => a.add(b),
      // @ts-expect-error a gradient list of the wrong length
      backward: (g) => [g],
    });
  });
});

describe('gradcheck', () => {
  test('takes a function and its input tuple, returns a report', () => {
    const x = Tensor.from([1, 2], { dtype: 'float64' });
    const report = gradcheck((a: Tensor) => a.sigmoid().sum(), [x]);
    expectTypeOf(report).toEqualTypeOf<GradcheckReport>();
    expectTypeOf(report.passed).toEqualTypeOf<boolean>();
    // @ts-expect-error inputs is a list of tensors, not a tensor
    void (() => gradcheck((a: Tensor) => a.sum(), x));
    // @ts-expect-error the input list must match f's parameters
    void (() => gradcheck((a: Tensor, b: Tensor) => a.add(b).sum(), [x]));
  });
});
