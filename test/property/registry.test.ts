// The registry walk: every op in opRegistry must have a property case, and that case must really run the op.
// A new op cannot land without a property-based gradient test.
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Tensor } from '../../src/index.js';
import { opRegistry } from '../../src/ops/registry.js';
import { SEED } from './config.js';
import { applyOp, opCases } from './op-cases.js';

const registered = Object.keys(opRegistry) as Array<keyof typeof opRegistry>;

/** Op names recorded on the tape behind `out`. */
function recordedOps(out: Tensor): Set<string> {
  const names = new Set<string>();
  const stack = [out];
  const seen = new Set<Tensor>();
  while (stack.length > 0) {
    const t = stack.pop()!;
    if (seen.has(t) || t._node === null) continue;
    seen.add(t);
    names.add(t._node.def.name);
    stack.push(...t._node.inputs);
  }
  return names;
}

describe('op registry walk', () => {
  it('has at least the ops of the core issue', () => {
    expect(registered.length).toBeGreaterThanOrEqual(26);
  });

  it.each(registered)('%s has a property case', (name) => {
    expect(opCases, `op ${name} is in opRegistry but has no case in test/property/op-cases.ts`).toHaveProperty(name);
    expect(opRegistry[name].opName).toBe(name);
  });

  it('has no case for an op that is not registered', () => {
    expect(Object.keys(opCases).filter((n) => !registered.includes(n as never))).toEqual([]);
  });

  it.each(registered)('the %s case records the %s op itself', (name) => {
    const c = opCases[name];
    for (const s of fc.sample(c.sample, { numRuns: 3, seed: SEED })) {
      const leaves = s.inputs.map((x) => Tensor.from(x.data, { dtype: x.dtype, shape: x.shape, requiresGrad: true }));
      expect(recordedOps(applyOp(name, s)(...leaves))).toContain(name);
    }
  });
});
