// Random programs: chains of ops drawn from a small vocabulary, applied to a matrix and two parameters,
// must gradcheck as a whole (full mode and fast mode), and gradgradcheck on the smooth vocabulary.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor, gradcheck, gradgradcheck } from '../../src/index.js';
import { tensorArb } from '../../src/testing/index.js';
import { params, RUNS } from './config.js';

type Step = (x: Tensor, w: Tensor, m: Tensor) => Tensor;

// Every step keeps values moderate (bounded, or growing at most linearly), so chains stay well-conditioned.
export const steps: Record<string, Step> = {
  tanh: (x) => x.tanh(),
  sigmoid: (x) => x.sigmoid(),
  swish: (x) => x.mul(x.sigmoid()),
  expTanh: (x) => x.tanh().exp(),
  logOnePlusSq: (x) => x.mul(x).add(1).log(),
  sqrtOnePlusSq: (x) => x.mul(x).add(1).sqrt(),
  rational: (x) => x.div(x.mul(x).add(1)),
  cube: (x) => x.tanh().pow(3),
  powTensor: (x) => x.sigmoid().add(0.5).pow(x.tanh()),
  addRow: (x, w) => x.add(w),
  mulRow: (x, w) => x.mul(w),
  subCol: (x, w) => x.sub(w.mean().reshape([1, 1])),
  matmul: (x, _w, m) => x.matmul(m).div(m.shape[0]!),
  matmulT: (x, _w, m) => x.matmul(m.transpose()).div(m.shape[0]!),
  softmax: (x) => x.softmax(-1),
  logSoftmax: (x) => x.logSoftmax(-1).div(4),
  softmaxAxis0: (x) => x.softmax(0),
  centerRows: (x) => x.sub(x.mean(1, { keepdims: true })),
  sumBroadcast: (x) => x.add(x.sum(0, { keepdims: true }).div(4)),
  transposeTwice: (x) => x.transpose().mul(0.5).transpose(),
  reshapeRoundTrip: (x) => x.reshape([-1]).neg().reshape(x.shape),
  expandRow: (x) => x.sum(0).div(4).expand(x.shape).add(x),
  castRoundTrip: (x) => x.cast('float64').tanh(),
};

// Kinks: abs and relu only where a smooth argument is kept away from them.
const kinkSteps: Record<string, Step> = {
  absShifted: (x) => x.tanh().add(2).abs(),
  reluShifted: (x) => x.sigmoid().add(0.1).relu(),
};

// Max splits the gradient evenly between ties, which central differences reproduce only for two-way ties
// (see regressions.test.ts): it runs first, on inputs kept pairwise distinct, since later steps can create ties.
const prefixes: Record<string, (x: Tensor) => Tensor> = {
  none: (x) => x,
  maxOfRows: (x) => x.add(x.max(1, { keepdims: true }).mul(0.5)),
  maxOfAll: (x) => x.mul(x.max()),
};

const heads: Record<string, (y: Tensor) => Tensor> = {
  sum: (y) => y.sum(),
  mean: (y) => y.mean(),
  crossEntropy: (y) => y.softmaxCrossEntropy(Array.from({ length: y.shape[0]! }, (_, i) => i % y.shape[1]!)),
  none: (y) => y,
};

const program = (vocab: Record<string, Step>) =>
  fc.record({
    rows: fc.integer({ min: 1, max: 3 }),
    cols: fc.integer({ min: 1, max: 3 }),
    prefix: fc.constantFrom(...Object.keys(prefixes)),
    chain: fc.array(fc.constantFrom(...Object.keys(vocab)), { minLength: 1, maxLength: 6 }),
    head: fc.constantFrom(...Object.keys(heads)),
  }).chain((p) =>
    fc.tuple(fc.constant(p), tensorArb([p.rows, p.cols], { min: -1, max: 1, distinct: 0.05 }), tensorArb([p.cols], { min: -1, max: 1 }), tensorArb([p.cols, p.cols], { min: -1, max: 1 })),
  );

interface Program {
  readonly prefix: string;
  readonly chain: string[];
  readonly head: string;
}

function run(vocab: Record<string, Step>, p: Program): (x: Tensor, w: Tensor, m: Tensor) => Tensor {
  return (x, w, m) => heads[p.head]!(p.chain.reduce((y, name) => vocab[name]!(y, w, m), prefixes[p.prefix]!(x)));
}

describe('random op chains (property)', () => {
  it('gradcheck passes on random programs, in full and fast mode', () => {
    const vocab = { ...steps, ...kinkSteps };
    fc.assert(
      fc.property(program(vocab), ([p, x, w, m]) => {
        const f = run(vocab, p);
        return gradcheck(f, [x, w, m]).passed && gradcheck(f, [x, w, m], { fastMode: true, seed: p.chain.length }).passed;
      }),
      params(RUNS * 3),
    );
  });

  it('gradgradcheck passes on random smooth programs', () => {
    fc.assert(
      fc.property(program(steps), ([p, x, w, m]) => gradgradcheck(run(steps, p), [x, w, m]).passed),
      params(RUNS),
    );
  });

  it('the vocabulary covers the differentiable registry ops', () => {
    // run every step once under recording and collect the op names it uses
    const x = Tensor.from([[0.3, -0.2], [0.1, 0.5]], { dtype: 'float64', requiresGrad: true });
    const w = Tensor.from([0.2, -0.4], { dtype: 'float64', requiresGrad: true });
    const m = Tensor.from([[0.5, 0.1], [-0.3, 0.2]], { dtype: 'float64', requiresGrad: true });
    const names = new Set<string>();
    for (const step of Object.values({ ...steps, ...kinkSteps })) collect(heads.crossEntropy!(step(x, w, m)), names);
    for (const pre of Object.values(prefixes)) collect(heads.sum!(pre(x)), names);
    for (const op of ['Add', 'Sub', 'Mul', 'Div', 'Neg', 'Pow', 'PowScalar', 'Exp', 'Log', 'Sqrt', 'Abs', 'Sigmoid', 'Tanh', 'Relu', 'MatMul', 'Sum', 'Mean', 'Max', 'Reshape', 'Permute', 'Expand', 'Softmax', 'LogSoftmax', 'SoftmaxCrossEntropy']) {
      expect(names, `no step uses ${op}`).toContain(op);
    }
  });
});

function collect(t: Tensor, names: Set<string>): void {
  const stack = [t];
  while (stack.length > 0) {
    const u = stack.pop()!;
    if (u._node === null) continue;
    names.add(u._node.def.name);
    stack.push(...u._node.inputs);
  }
}
