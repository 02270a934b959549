// One property case per built-in op: how to generate well-conditioned inputs (float64, away from kinks and
// poles), how to apply the registry's op, and a naive reference for its forward pass.
import * as fc from 'fast-check';
import { Tensor, type GradcheckOptions } from '../../src/index.js';
import { opRegistry, type BuiltinOpName } from '../../src/ops/registry.js';
import {
  anyTensorArb, broadcastShapesArb, broadcastableTo, matmulShapesArb, shapeArb, tensorArb, type TensorConstraints,
} from '../../src/testing/index.js';
import * as ref from './reference.js';

/** A generated application: the differentiable inputs and the op's attributes. */
export interface Sample {
  readonly inputs: Tensor[];
  readonly attrs: unknown;
}

export interface OpCase {
  readonly sample: fc.Arbitrary<Sample>;
  /** The naive forward result. */
  readonly reference: (s: Sample) => ref.Nd;
  /** Second derivatives are checked too (false only for ArgMax, which has no gradient at all). */
  readonly smooth: boolean;
  readonly gradcheck?: GradcheckOptions;
  /** Forward tolerance (default atol 1e-12, rtol 1e-9). */
  readonly forwardTol?: { atol: number; rtol: number };
}

/** Applies the registry's op itself, so the walk over `opRegistry` tests exactly what is registered. */
export function applyOp(name: BuiltinOpName, s: Sample): (...xs: Tensor[]) => Tensor {
  const op = opRegistry[name] as unknown as (inputs: Tensor[], attrs?: unknown) => Tensor;
  return (...xs) => op(xs, s.attrs);
}

export const nd = (t: Tensor): ref.Nd => ({ shape: [...t.shape], data: Array.from(t.data) });

const noAttrs = (inputs: Tensor[]): Sample => ({ inputs, attrs: undefined });

function unary(c: TensorConstraints, f: (v: number) => number): OpCase {
  return {
    sample: anyTensorArb({ maxRank: 3 }, c).map((x) => noAttrs([x])),
    reference: (s) => ref.map(nd(s.inputs[0]!), f),
    smooth: true,
  };
}

function binary(ca: TensorConstraints, cb: TensorConstraints, f: (x: number, y: number) => number): OpCase {
  return {
    sample: broadcastShapesArb().chain(([sa, sb]) => fc.tuple(tensorArb(sa, ca), tensorArb(sb, cb))).map(([a, b]) => noAttrs([a, b])),
    reference: (s) => ref.zip(nd(s.inputs[0]!), nd(s.inputs[1]!), f),
    smooth: true,
  };
}

/** A shape (rank ≥ minRank) and a subset of its axes, with keepdims. */
const withAxes = (minRank: number) =>
  shapeArb({ minRank, maxRank: 3 }).chain((shape) =>
    fc.record({
      shape: fc.constant(shape),
      axes: fc.subarray(shape.map((_, i) => i)),
      keepdims: fc.boolean(),
    }),
  );

function reduction(c: TensorConstraints, init: number, step: (a: number, v: number) => number, finish?: (a: number, n: number) => number): OpCase {
  return {
    sample: withAxes(0).chain(({ shape, axes, keepdims }) => tensorArb(shape, c).map((x) => ({ inputs: [x], attrs: { axes, keepdims } }))),
    reference: (s) => {
      const { axes, keepdims } = s.attrs as { axes: number[]; keepdims: boolean };
      return ref.reduce(nd(s.inputs[0]!), axes, keepdims, init, step, finish);
    },
    smooth: true,
  };
}

/** A different shape of the same size: dims shuffled, maybe two merged, maybe a 1 inserted. */
const reshapeTarget = (shape: number[]) =>
  fc.tuple(fc.shuffledSubarray(shape, { minLength: shape.length, maxLength: shape.length }), fc.boolean(), fc.nat()).map(([dims, merge, at]) => {
    const out = merge && dims.length >= 2 ? [dims[0]! * dims[1]!, ...dims.slice(2)] : [...dims];
    out.splice(at % (out.length + 1), 0, 1);
    return out;
  });

function axisCase(log: boolean): OpCase {
  return {
    sample: shapeArb({ minRank: 1, maxRank: 3 }).chain((shape) =>
      fc.tuple(tensorArb(shape, { min: -3, max: 3 }), fc.integer({ min: 0, max: shape.length - 1 })).map(([x, axis]) => ({ inputs: [x], attrs: { axis } })),
    ),
    reference: (s) => ref.softmax(nd(s.inputs[0]!), (s.attrs as { axis: number }).axis, log),
    smooth: true,
  };
}

const matmulCase: OpCase = {
  sample: fc.tuple(matmulShapesArb(), fc.boolean(), fc.boolean()).chain(([[sa, sb], transA, transB]) => {
    const swap = (s: number[], t: boolean) => (t ? [...s.slice(0, -2), s[s.length - 1]!, s[s.length - 2]!] : s);
    return fc.tuple(tensorArb(swap(sa, transA)), tensorArb(swap(sb, transB))).map(([a, b]) => ({ inputs: [a, b], attrs: { transA, transB } }));
  }),
  reference: (s) => {
    const { transA, transB } = s.attrs as { transA: boolean; transB: boolean };
    return ref.matmul(nd(s.inputs[0]!), nd(s.inputs[1]!), transA, transB);
  },
  smooth: true,
};

// Integer exponents allow negative bases (kept from the pole at 0); others need positive bases.
const powScalarCase: OpCase = {
  sample: fc.constantFrom(-2, -1, 0, 1, 2, 3, 0.5, 1.5, -0.5).chain((exponent) =>
    anyTensorArb({ maxRank: 3 }, Number.isInteger(exponent) ? { min: -2, max: 2, avoid: [0], margin: 0.3 } : { min: 0.3, max: 2.5 })
      .map((x) => ({ inputs: [x], attrs: { exponent } })),
  ),
  reference: (s) => ref.map(nd(s.inputs[0]!), (v) => Math.pow(v, (s.attrs as { exponent: number }).exponent)),
  smooth: true,
};

/** x ∘ k with a plain number k (the `x.mul(2)` form, k in attrs). */
function scalarArith(f: (x: number, k: number) => number, k: fc.Arbitrary<number>): OpCase {
  return {
    sample: fc.tuple(anyTensorArb({ maxRank: 3 }, {}), k).map(([x, kv]) => ({ inputs: [x], attrs: kv })),
    reference: (s) => ref.map(nd(s.inputs[0]!), (v) => f(v, s.attrs as number)),
    smooth: true,
  };
}
const anyK = fc.double({ min: -3, max: 3, noNaN: true });

/** Relu's backward: a gradient g and the input x of one shape (x away from the kink at 0). */
const reluGradCase: OpCase = {
  sample: shapeArb({ maxRank: 3 }).chain((shape) => fc.tuple(tensorArb(shape, {}), tensorArb(shape, { avoid: [0] })))
    .map(([g, x]) => noAttrs([g, x])),
  reference: (s) => ref.zip(nd(s.inputs[0]!), nd(s.inputs[1]!), (g, x) => (x > 0 ? g : 0)),
  smooth: true,
};

const crossEntropyCase: OpCase = {
  sample: shapeArb({ minRank: 1, maxRank: 3 }).chain((shape) => {
    const c = shape[shape.length - 1]!;
    const rows = ref.size(shape) / c;
    const oneHot = fc.array(fc.integer({ min: 0, max: c - 1 }), { minLength: rows, maxLength: rows })
      .map((labels) => labels.flatMap((l) => Array.from({ length: c }, (_, j) => (j === l ? 1 : 0))));
    const probs = fc.array(fc.double({ min: 0.05, max: 1, noNaN: true }), { minLength: rows * c, maxLength: rows * c })
      .map((w) => w.map((v, i) => v / w.slice(i - (i % c), i - (i % c) + c).reduce((a, b) => a + b, 0)));
    return fc.tuple(tensorArb(shape, { min: -3, max: 3 }), fc.oneof(oneHot, probs)).map(([z, t]) => ({
      inputs: [z, Tensor.from(t, { dtype: 'float64', shape })],
      attrs: undefined,
    }));
  }),
  reference: (s) => ref.crossEntropy(nd(s.inputs[0]!), nd(s.inputs[1]!)),
  smooth: true,
};

/** Softmax cross-entropy's backward: an upstream gradient per row, logits, and any real targets. */
const crossEntropyGradCase: OpCase = {
  sample: shapeArb({ minRank: 1, maxRank: 3 }).chain((shape) =>
    fc.tuple(tensorArb(shape.slice(0, -1), {}), tensorArb(shape, { min: -3, max: 3 }), tensorArb(shape, { min: -1, max: 1 })),
  ).map(([g, z, t]) => noAttrs([g, z, t])),
  reference: (s) => ref.crossEntropyGrad(nd(s.inputs[0]!), nd(s.inputs[1]!), nd(s.inputs[2]!)),
  smooth: true,
};

/** Every op needs a case: the type demands one per name, and registry.test.ts walks the registry at run time. */
export const opCases: { readonly [K in BuiltinOpName]: OpCase } = {
  Add: binary({}, {}, (x, y) => x + y),
  Sub: binary({}, {}, (x, y) => x - y),
  Mul: binary({}, {}, (x, y) => x * y),
  Div: binary({}, { avoid: [0], margin: 0.5 }, (x, y) => x / y),
  Neg: unary({}, (v) => -v),
  Pow: binary({ min: 0.3, max: 2.5 }, { min: -2, max: 2 }, Math.pow),
  PowScalar: powScalarCase,
  AddScalar: scalarArith((x, k) => x + k, anyK),
  SubScalar: scalarArith((x, k) => x - k, anyK),
  MulScalar: scalarArith((x, k) => x * k, anyK),
  DivScalar: scalarArith((x, k) => x / k, fc.oneof(fc.double({ min: -3, max: -0.25, noNaN: true }), fc.double({ min: 0.25, max: 3, noNaN: true }))),
  Exp: unary({}, Math.exp),
  Log: unary({ min: 0.2, max: 3 }, Math.log),
  Sqrt: unary({ min: 0.2, max: 3 }, Math.sqrt),
  Abs: unary({ avoid: [0] }, Math.abs),
  Sigmoid: unary({ min: -4, max: 4 }, (v) => 1 / (1 + Math.exp(-v))),
  Tanh: unary({ min: -3, max: 3 }, Math.tanh),
  Relu: unary({ avoid: [0] }, (v) => Math.max(v, 0)),
  ReluGrad: reluGradCase,
  MatMul: matmulCase,
  Sum: reduction({}, 0, (a, v) => a + v),
  Mean: reduction({}, 0, (a, v) => a + v, (a, n) => a / n),
  Max: reduction({ distinct: 0.05 }, -Infinity, Math.max),
  Identity: unary({}, (v) => v),
  Reshape: {
    sample: shapeArb().chain((shape) => fc.tuple(tensorArb(shape), reshapeTarget(shape))).map(([x, shape]) => ({ inputs: [x], attrs: { shape } })),
    reference: (s) => ({ shape: [...(s.attrs as { shape: number[] }).shape], data: Array.from(s.inputs[0]!.data) }),
    smooth: true,
  },
  Permute: {
    sample: shapeArb().chain((shape) =>
      fc.tuple(tensorArb(shape), fc.shuffledSubarray(shape.map((_, i) => i), { minLength: shape.length, maxLength: shape.length })),
    ).map(([x, axes]) => ({ inputs: [x], attrs: { axes } })),
    reference: (s) => ref.permute(nd(s.inputs[0]!), (s.attrs as { axes: number[] }).axes),
    smooth: true,
  },
  Expand: {
    sample: shapeArb().chain((full) => broadcastableTo(full).chain((small) => tensorArb(small)).map((x) => ({ inputs: [x], attrs: { shape: full } }))),
    reference: (s) => ref.expandTo(nd(s.inputs[0]!), (s.attrs as { shape: number[] }).shape),
    smooth: true,
  },
  Cast: {
    // float64 → float32 → … : a linear op, so a wide step is exact up to float32 rounding of the output
    sample: fc.tuple(fc.constantFrom('float32', 'float64'), fc.constantFrom('float32', 'float64')).chain(([from, to]) =>
      anyTensorArb({ maxRank: 3 }, { dtype: from }).map((x) => ({ inputs: [x], attrs: { dtype: to } })),
    ),
    reference: (s) => ref.map(nd(s.inputs[0]!), (s.attrs as { dtype: string }).dtype === 'float32' ? Math.fround : (v) => v),
    smooth: true,
    gradcheck: { eps: 0.1, atol: 1e-5, rtol: 1e-4 },
  },
  Softmax: axisCase(false),
  LogSoftmax: axisCase(true),
  SoftmaxCrossEntropy: crossEntropyCase,
  SoftmaxCrossEntropyGrad: crossEntropyGradCase,
  ArgMax: {
    sample: shapeArb({ minRank: 1, maxRank: 3 }).chain((shape) =>
      fc.record({
        x: tensorArb(shape, { distinct: 0.05 }),
        axis: fc.option(fc.integer({ min: 0, max: shape.length - 1 }), { nil: null }),
        keepdims: fc.boolean(),
      }),
    ).map(({ x, axis, keepdims }) => ({ inputs: [x], attrs: { axis, keepdims } })),
    reference: (s) => {
      const { axis, keepdims } = s.attrs as { axis: number | null; keepdims: boolean };
      return ref.argmax(nd(s.inputs[0]!), axis, keepdims);
    },
    // an index has no gradient: the check passes with zero analytical and numerical Jacobians
    smooth: false,
    forwardTol: { atol: 0, rtol: 0 },
  },
};
