// For every op in the registry: forward agrees with a naive reference, gradcheck passes in float64
// (broadcasting included; full and fast mode), and gradgradcheck passes for the smooth ops.
import * as fc from 'fast-check';
import { describe, it } from 'vitest';
import { gradcheck, gradgradcheck } from '../../src/index.js';
import type { BuiltinOpName } from '../../src/ops/registry.js';
import { expectClose } from '../helpers/close.js';
import { params } from './config.js';
import { applyOp, nd, opCases } from './op-cases.js';

for (const [name, c] of Object.entries(opCases) as Array<[BuiltinOpName, (typeof opCases)[BuiltinOpName]]>) {
  describe(`${name} (property)`, () => {
    it('forward matches the naive reference', () => {
      fc.assert(
        fc.property(c.sample, (s) => {
          const got = nd(applyOp(name, s)(...s.inputs));
          const want = c.reference(s);
          expectClose(got.data, want.data, c.forwardTol ?? { atol: 1e-12, rtol: 1e-9 });
          return JSON.stringify(got.shape) === JSON.stringify(want.shape);
        }),
        params(),
      );
    });

    it('gradcheck passes in float64, in full and fast mode', () => {
      fc.assert(
        fc.property(c.sample, fc.nat(), (s, seed) =>
          gradcheck(applyOp(name, s), s.inputs, c.gradcheck).passed &&
          gradcheck(applyOp(name, s), s.inputs, { ...c.gradcheck, fastMode: true, seed }).passed),
        params(),
      );
    });

    if (c.smooth) {
      it('gradgradcheck passes', () => {
        fc.assert(fc.property(c.sample, (s) => gradgradcheck(applyOp(name, s), s.inputs, c.gradcheck).passed), params());
      });
    }
  });
}
