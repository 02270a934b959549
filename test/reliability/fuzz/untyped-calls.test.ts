// Property: every public function called with arbitrary arguments (as from untyped JavaScript) either returns a
// well-formed result or throws one of the library's errors naming the function — never a TypeError or RangeError
// from inside a kernel, never a hang, never a tensor whose shape does not match its data.
import fc from 'fast-check';
import { describe, it } from 'vitest';
import * as api from '../../../src/index.js';
import { Tensor } from '../../../src/index.js';
import { expectCleanOutcome, junkArb, runs } from './arbitraries.js';

type Call = (...args: unknown[]) => unknown;
const f = api as unknown as Record<string, Call>;
const T = Tensor as unknown as Record<string, Call>;

/** [label, arity, call, names an error message may use]. */
const targets: Array<[string, number, Call, string[]]> = [
  ...['from', 'zeros', 'ones', 'full', 'scalar', 'eye', 'arange', 'rand', 'randn'].map(
    (k): [string, number, Call, string[]] => [`Tensor.${k}`, k === 'arange' ? 4 : 3, (...a) => T[k]?.(...a), [`Tensor.${k}`]],
  ),
  ...['add', 'sub', 'mul', 'div', 'pow', 'matmul'].map((k): [string, number, Call, string[]] => [k, 2, (...a) => f[k]?.(...a), [k]]),
  ...['neg', 'exp', 'log', 'sqrt', 'abs', 'sigmoid', 'tanh', 'relu', 'flatten'].map((k): [string, number, Call, string[]] => [k, 1, (...a) => f[k]?.(...a), [k]]),
  ...['sum', 'mean', 'max', 'argmax'].map((k): [string, number, Call, string[]] => [k, 3, (...a) => f[k]?.(...a), [k]]),
  ...['reshape', 'permute', 'expand', 'squeeze', 'unsqueeze', 'cast', 'softmax', 'logSoftmax'].map(
    (k): [string, number, Call, string[]] => [k, 2, (...a) => f[k]?.(...a), [k]],
  ),
  ['transpose', 3, (...a) => f.transpose?.(...a), ['transpose', 'permute']],
  ['softmaxCrossEntropy', 3, (...a) => f.softmaxCrossEntropy?.(...a), ['softmaxCrossEntropy']],
  ['grad', 3, (fn, o, x) => (f.grad?.(fn, o) as Call)(x), ['grad']],
  ['grad(sum)', 2, (o, x) => (f.grad?.((v: Tensor) => v.sum(), o) as Call)(x), ['grad', 'sum']],
  ['valueAndGrad(mean)', 2, (o, x) => (f.valueAndGrad?.((v: Tensor) => v.mul(v).mean(), o) as Call)(x), ['grad', 'mean', 'mul']],
  ['backward', 3, (x, g, o) => (api.isTensor(x) ? x.backward(g as Tensor, o as object) : undefined), ['backward']],
  ['detectAnomaly', 1, (fn) => f.detectAnomaly?.(fn), ['detectAnomaly']],
  ['backward into a junk .grad', 2, (x, g) => {
    if (!api.isTensor(x) || x.ndim === 0) return undefined;
    const leaf = Tensor.from(x.toTypedArray(), { shape: x.shape, requiresGrad: true });
    leaf.grad = g as Tensor;
    leaf.mul(2).sum().backward();
    return leaf.grad;
  }, ['backward']],
  ['defineOp', 1, (d) => f.defineOp?.(d), ['defineOp']],
  ['manualSeed', 1, (s) => f.manualSeed?.(s), ['seed']],
  ['xavierUniform', 2, (...a) => f.xavierUniform?.(...a), ['xavierUniform', 'Tensor.rand']],
  ['heNormal', 2, (...a) => f.heNormal?.(...a), ['heNormal', 'Tensor.randn']],
  ['accuracy', 2, (...a) => f.accuracy?.(...a), ['accuracy', 'argmax']],
  ['new Linear', 3, (...a) => new (api.Linear as unknown as new (...b: unknown[]) => unknown)(...a), ['Linear', 'xavierUniform', 'heNormal', 'Tensor.rand']],
  ['Linear.forward', 1, (x) => new api.Linear(3, 2, { seed: 1 }).forward(x as Tensor), ['Linear', 'matmul', 'add']],
  ['new SGD', 2, (...a) => new (api.SGD as unknown as new (...b: unknown[]) => unknown)(...a), ['SGD']],
  ['new Adam', 2, (...a) => new (api.Adam as unknown as new (...b: unknown[]) => unknown)(...a), ['Adam']],
  ['numericalGrad', 3, (fn, xs, o) => f.numericalGrad?.(fn, xs, o), ['numericalGrad']],
  ['numericalGrad(sum)', 2, (xs, o) => f.numericalGrad?.((...v: Tensor[]) => (v[0] ?? Tensor.ones([])).sum(), xs, o), ['numericalGrad', 'sum']],
  ['gradcheck(sum·sum)', 2, (xs, o) => f.gradcheck?.((...v: Tensor[]) => (v[0] ?? Tensor.ones([])).mul(v[0] ?? 1).sum(), xs, o), ['gradcheck', 'sum', 'mul']],
];

/** A method call on a tensor: `x.name(...junk)`. */
const methods: Array<[string, number, string[]]> = [
  ['add', 1, ['add']], ['mul', 1, ['mul']], ['pow', 1, ['pow']], ['matmul', 1, ['matmul']],
  ['sum', 2, ['sum']], ['mean', 2, ['mean']], ['max', 2, ['max']], ['reshape', 1, ['reshape']],
  ['transpose', 2, ['transpose', 'permute']], ['permute', 1, ['permute']], ['expand', 1, ['expand']], ['broadcastTo', 1, ['expand']],
  ['squeeze', 1, ['squeeze']], ['unsqueeze', 1, ['unsqueeze']], ['cast', 1, ['cast']], ['softmax', 1, ['softmax']],
  ['logSoftmax', 1, ['logSoftmax']], ['softmaxCrossEntropy', 2, ['softmaxCrossEntropy']], ['item', 0, ['item']],
];

export const UNTYPED_RUNS = 400;

describe('fuzz: untyped calls to the public API', () => {
  it.each(targets)('%s(junk…) returns a well-formed result or throws a named library error', (_label, arity, call, names) => {
    fc.assert(
      fc.property(fc.array(junkArb, { minLength: 0, maxLength: arity }), (args) => {
        expectCleanOutcome(() => call(...args), names);
      }),
      { numRuns: runs(UNTYPED_RUNS) },
    );
  });

  it.each(methods)('tensor.%s(junk…) returns a well-formed result or throws a named library error', (name, arity, names) => {
    fc.assert(
      fc.property(junkArb.filter(api.isTensor), fc.array(junkArb, { maxLength: arity }), (x, args) => {
        expectCleanOutcome(() => (x as unknown as Record<string, Call>)[name]?.(...args), names);
      }),
      { numRuns: runs(UNTYPED_RUNS) },
    );
  });
});
