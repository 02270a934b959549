// Options objects are read safely: own properties only, unknown keys are errors naming the function and the key.
import { describe, expect, it } from 'vitest';
import {
  Adam, InvalidArgumentError, argmax, Linear, SGD, Tensor, grad, gradcheck, gradgradcheck, heNormal, numericalGrad, numericalJacobian,
  softmaxCrossEntropy, sum, xavierUniform,
} from '../../src/index.js';

const x64 = (): Tensor => Tensor.from([0.5, -1], { dtype: 'float64', requiresGrad: true });
/** `o` plus a required option, keeping o's own keys (even "__proto__") and its prototype chain. */
const withOption = (o: object, extra: object): object =>
  Object.assign(Object.create(Object.getPrototypeOf(o) as object, Object.getOwnPropertyDescriptors(o)) as object, extra);

const calls: Array<[string, (opts: object) => unknown]> = [
  ['Tensor.from', (o) => Tensor.from([1, 2], o)],
  ['Tensor.zeros', (o) => Tensor.zeros([2], o)],
  ['Tensor.ones', (o) => Tensor.ones([2], o)],
  ['Tensor.full', (o) => Tensor.full([2], 3, o)],
  ['Tensor.scalar', (o) => Tensor.scalar(3, o)],
  ['Tensor.eye', (o) => Tensor.eye(2, o)],
  ['Tensor.arange', (o) => Tensor.arange(0, 3, 1, o)],
  ['Tensor.rand', (o) => Tensor.rand([2], o)],
  ['Tensor.randn', (o) => Tensor.randn([2], o)],
  ['sum', (o) => sum(Tensor.ones([2, 2]), 0, o)],
  ['mean', (o) => Tensor.ones([2, 2]).mean(0, o)],
  ['max', (o) => Tensor.ones([2, 2]).max(0, o)],
  ['softmaxCrossEntropy', (o) => softmaxCrossEntropy(Tensor.ones([2, 3]), [0, 1], o)],
  ['grad', (o) => grad((x: Tensor) => x.sum(), o)(Tensor.ones([2]))],
  ['backward', (o) => Tensor.ones([2], { requiresGrad: true }).sum().backward(undefined, o)],
  ['xavierUniform', (o) => xavierUniform([2, 3], o)],
  ['heNormal', (o) => heNormal([2, 3], o)],
  ['Linear', (o) => new Linear(2, 3, o)],
  ['SGD', (o) => new SGD([x64()], withOption(o, { lr: 0.1 }) as never)],
  ['Adam', (o) => new Adam([x64()], o)],
  ['gradcheck', (o) => gradcheck((v: Tensor) => v.mul(v).sum(), [x64()], o)],
  ['gradgradcheck', (o) => gradgradcheck((v: Tensor) => v.mul(v).sum(), [x64()], o)],
  ['numericalGrad', (o) => numericalGrad((v: Tensor) => v.mul(v).sum(), [x64()], o)],
  ['numericalJacobian', (o) => numericalJacobian((v: Tensor) => v.mul(v), [x64()], o)],
];

describe('options objects', () => {
  it.each(calls)('%s: an unknown option is an InvalidArgumentError naming the function and the key', (name, call) => {
    expect(() => call({ dtpye: 'float64' })).toThrow(InvalidArgumentError);
    expect(() => call({ dtpye: 'float64' })).toThrow(new RegExp(`^${name.replace('.', '\\.')}: unknown option "dtpye"`));
  });

  it.each(calls)('%s: __proto__ and constructor keys from parsed JSON are rejected', (_name, call) => {
    expect(() => call(JSON.parse('{"__proto__": {"requiresGrad": true}}') as object)).toThrow(/unknown option "__proto__"/);
    expect(() => call(JSON.parse('{"constructor": {"prototype": {}}}') as object)).toThrow(/unknown option "constructor"/);
  });

  it.each(calls)('%s: inherited properties are ignored', (_name, call) => {
    expect(() => call(Object.create({ bogus: 1, dtype: 'nope' }) as object)).not.toThrow();
  });

  it('a polluted Object.prototype cannot switch an option on', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto.requiresGrad = true;
    proto.dtype = 'float64';
    try {
      const t = Tensor.zeros([2], {});
      expect(t.requiresGrad).toBe(false);
      expect(t.dtype).toBe('float32');
    } finally {
      delete proto.requiresGrad;
      delete proto.dtype;
    }
  });

  it('known options still work, and a wrong type is an error, not a silent default', () => {
    const t = Tensor.zeros([2], { dtype: 'float64', requiresGrad: true });
    expect([t.dtype, t.requiresGrad]).toEqual(['float64', true]);
    expect(Tensor.rand([2], { seed: 3, dtype: 'float64' }).dtype).toBe('float64');
    expect(() => Tensor.zeros([2], { requiresGrad: 'yes' as never })).toThrow(/Tensor\.zeros: option 'requiresGrad' must be true or false, got "yes"/);
    expect(() => sum(Tensor.ones([2]), 0, { keepdims: 1 as never })).toThrow(/sum: option 'keepdims'/);
    // regression: argmax read keepdims as `=== true`, so 1 silently dropped the axis and a typo was ignored
    expect(() => argmax(Tensor.ones([2]), 0, { keepdims: 1 as never })).toThrow(/argmax: option 'keepdims'/);
    expect(() => argmax(Tensor.ones([2]), 0, { keepDims: true } as never)).toThrow(/argmax: unknown option "keepDims"/);
    expect(() => Tensor.zeros([2], 'float64' as never)).toThrow(/Tensor\.zeros: options must be an object, got "float64"/);
    expect(() => Tensor.zeros([2], null as never)).toThrow(InvalidArgumentError);
    expect(() => Tensor.zeros([2], (() => 1) as never)).toThrow(/Tensor\.zeros: options must be an object, got function \(anonymous\)$/);
    expect(() => grad((x: Tensor) => x.sum(), { argnums: '0' as never })).toThrow(/grad: argnums must be an index/);
  });

  it('an undefined value counts as absent', () => {
    expect(Tensor.zeros([2], { dtype: undefined }).dtype).toBe('float32');
  });
});
