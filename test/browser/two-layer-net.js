// The seed's two-layer net y = softmax(sigmoid(x·W1 + b1)·W2 + b2) with cross-entropy, written against the
// package's public API only. The browser test runs this same file in Chromium and in Node and compares.
// Plain JavaScript: the page loads it as is.

/**
 * Loss and gradients of the net at seeded parameters, plus central differences at a few entries per parameter.
 * @param {typeof import('../../src/index.js')} tg - the package's exports.
 */
export function twoLayerNet(tg) {
  const { Tensor, valueAndGrad, softmaxCrossEntropy } = tg;
  const [N, n, m, t] = [8, 784, 50, 10];
  const opts = { dtype: 'float64' };
  const x = Tensor.rand([N, n], { ...opts, seed: 1 });
  const labels = [0, 1, 2, 3, 4, 5, 6, 7];
  const params = [
    Tensor.randn([n, m], { ...opts, seed: 2 }).mul(0.05),
    Tensor.zeros([m], opts),
    Tensor.randn([m, t], { ...opts, seed: 3 }).mul(0.1),
    Tensor.zeros([t], opts),
  ];
  const loss = (W1, b1, W2, b2) => softmaxCrossEntropy(x.matmul(W1).add(b1).sigmoid().matmul(W2).add(b2), labels);
  const [value, grads] = valueAndGrad(loss, { argnums: [0, 1, 2, 3] })(...params);

  // Central differences at three entries of each parameter (the first, the middle, the last).
  const h = 1e-6;
  let worstRel = 0;
  params.forEach((p, k) => {
    for (const i of [0, Math.floor(p.size / 2), p.size - 1]) {
      const at = (delta) => {
        const data = p.toTypedArray();
        data[i] += delta;
        const args = params.map((q, j) => (j === k ? Tensor.from(data, { shape: p.shape }) : q));
        return loss(...args).item();
      };
      const numeric = (at(h) - at(-h)) / (2 * h);
      const analytic = grads[k].toTypedArray()[i];
      worstRel = Math.max(worstRel, Math.abs(numeric - analytic) / Math.max(Math.abs(numeric), 1e-7));
    }
  });
  const norm = (g) => Math.sqrt(g.mul(g).sum().item());
  return {
    shapes: grads.map((g) => g.shape.join('x')),
    loss: value.item(),
    gradNorms: grads.map(norm),
    worstRelVsNumerical: worstRel,
    // Every gradient value, so that the page's numbers can be compared with Node's one by one.
    values: grads.flatMap((g) => Array.from(g.toTypedArray())),
  };
}
