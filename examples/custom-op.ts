// A custom op with a hand-written backward, checked three ways, then broken on purpose to show the report.
// Run: npx tsx examples/custom-op.ts
import { GradcheckError, Tensor, defineOp, gradcheck, gradgradcheck } from '../src/index.js';
import { checkOpGradients, shapeArb, tensorArb } from '../src/testing/index.js';

// logSumExp over the last axis: y = m + log Σ_j exp(x_j − m), with m = max_j x_j so exp never overflows.
const LogSumExp = defineOp<[Tensor]>({
  name: 'LogSumExp',
  forward: ([x]) => {
    const m = x.max(-1, { keepdims: true });
    return x.sub(m).exp().sum(-1).log().add(m.squeeze(-1));
  },
  // dx = G[..., None] · softmax(x)  (written in Tensor ops, so it can be differentiated again)
  backward: (g, { inputs: [x] }) => [g.unsqueeze(-1).mul(x.softmax(-1))],
});

const x = Tensor.from([[1, 2, 3], [-1, 0.5, 800]], { dtype: 'float64' });
console.log('logSumExp:', LogSumExp([x]).toArray()); // ≈ [3.4076, 800]: finite, where a naive exp(800) is Infinity

// 1. gradcheck: the reverse-mode Jacobian against central differences, in float64.
console.log('gradcheck:', gradcheck((t) => LogSumExp([t]), [x]).passed);

// 2. gradgradcheck: second derivatives, since the backward is written in differentiable ops.
console.log('gradgradcheck:', gradgradcheck((t) => LogSumExp([t]).sum(), [x]).passed);

// 3. A property test: 100 random shapes (rank ≥ 1) and values, each gradchecked (fast-check prints a seed on failure).
checkOpGradients(LogSumExp, {
  arbitrary: shapeArb({ minRank: 1, maxRank: 3 }).chain((s) => tensorArb(s, { min: -5, max: 5 })).map((t) => [t] as [Tensor]),
  runs: 100,
  secondOrder: true,
});
console.log('checkOpGradients: 100 random cases passed');

// Now a typical mistake: exp(x) instead of softmax(x) — the normalisation by Σ exp is forgotten.
const BrokenLogSumExp = defineOp<[Tensor]>({
  name: 'BrokenLogSumExp',
  forward: ([t]) => LogSumExp([t]),
  backward: (g, { inputs: [t] }) => [g.unsqueeze(-1).mul(t.exp())],
});

try {
  gradcheck((t) => BrokenLogSumExp([t]).sum(), [Tensor.from([[0.1, -0.4, 0.3], [0.2, 0.5, -1]], { dtype: 'float64' })]);
  console.log('the broken op passed?! (it should not)');
  process.exitCode = 1;
} catch (e) {
  if (!(e instanceof GradcheckError)) throw e;
  console.log('\nThe deliberately broken backward is caught:\n');
  console.log(e.message);
  const worst = e.report.failures[0]?.worst;
  console.log(`\n(structured: worst input index [${worst?.inputIndex.join(', ')}], analytical ${worst?.analytical.toFixed(6)}, numerical ${worst?.numerical.toFixed(6)})`);
}
