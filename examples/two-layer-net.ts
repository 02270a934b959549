// The seed's two-layer net y = softmax(sigmoid(x·W1 + b1)·W2 + b2) (784-50-10, cross-entropy), on real MNIST digits:
// 1. gradient check: backprop against central differences in float64, per-parameter mean |difference|
//    (the textbook's gradient_check), 2. mini-batch training with progress lines, 3. an SVG chart of the curves.
//
//   npx tsx examples/two-layer-net.ts [chart.svg] [--epochs 60] [--optimizer sgd|adam] [--lr 0.1] [--momentum 0]
//                                      [--batch 100] [--seed 0] [--full-gradcheck]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import {
  Adam, Linear, SGD, Sequential, accuracy, noGrad, sigmoid, softmaxCrossEntropy,
  type DType, type Optimizer, type Tensor,
} from '../src/index.js';
import { loadMnistSplit, seededPermutation, takeRows, type Digits } from './lib/mnist.js';
import { chartGrid, writeSvg } from './lib/svg-chart.js';
import { fit, formatEpoch, historySeries, percent, type Objective } from './lib/train.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    epochs: { type: 'string', default: '60' },
    optimizer: { type: 'string', default: 'sgd' },
    lr: { type: 'string' },
    momentum: { type: 'string', default: '0' },
    batch: { type: 'string', default: '100' },
    seed: { type: 'string', default: '0' },
    'full-gradcheck': { type: 'boolean', default: false },
  },
});
/** A numeric command-line flag, checked (a typo must not silently train for NaN epochs). */
function numberFlag(name: string, value: string | undefined, integer: boolean): number {
  const v = Number(value);
  if (value === undefined || value.trim() === '' || !Number.isFinite(v) || (integer && !Number.isInteger(v)) || v < 0) {
    throw new Error(`--${name} must be a non-negative ${integer ? 'integer' : 'number'}, got ${JSON.stringify(value)}`);
  }
  return v;
}
const epochs = numberFlag('epochs', flags.epochs, true);
const batchSize = numberFlag('batch', flags.batch, true);
if (batchSize < 1) throw new Error('--batch must be at least 1');
const seed = numberFlag('seed', flags.seed, true);
const chartPath = positionals[0] ?? join(tmpdir(), 'tinygrad-ts', 'two-layer-net.svg');
const wallStart = performance.now();

/** The textbook's net; the same seeds give the same starting weights in float32 and float64. */
function twoLayerNet(dtype: DType): Sequential {
  return new Sequential([
    new Linear(784, 50, { dtype, seed: seed + 1 }), // Xavier/Glorot uniform: the init suited to a sigmoid layer
    sigmoid,
    new Linear(50, 10, { dtype, seed: seed + 2 }),
  ]);
}

// ------------------------------------------------------------------ data
const TRAIN = 8000;
const TEST = 2000;
const data = loadMnistSplit(TRAIN, TEST, seed);
console.log(`MNIST: the \`mnist\` package's 10,000 real digits (28×28, offline), split by a seeded shuffle (seed ${seed})`);
console.log(`       into ${TRAIN.toLocaleString('en')} training and ${TEST.toLocaleString('en')} held-out test digits.\n`);

// ------------------------------------------------------------------ gradient check (float64)
/**
 * Backprop (`backward()`, filling `.grad`) against central differences (f(p + h) − f(p − h)) / 2h on the
 * parameters' own values, perturbed in place and restored, like the textbook's numerical_gradient.
 */
function gradientCheck(batch: Digits, fullW1: boolean): void {
  const net = twoLayerNet('float64');
  const x = batch.x.cast('float64');
  const lossOf = (): number => noGrad(() => softmaxCrossEntropy(net.forward(x), batch.y).item());
  softmaxCrossEntropy(net.forward(x), batch.y).backward();
  const names = ['W1', 'b1', 'W2', 'b2'];
  const h = 1e-6; // near the float64 optimum for central differences (error ≈ 1e-10 relative)
  const start = performance.now();
  console.log(`Gradient check (float64, ${batch.y.length} training digits, h = ${h.toExponential(0)}): mean |backprop − numerical| per parameter`);
  net.parameters().forEach((p, k) => {
    const analytic = (p.grad as Tensor).data;
    const indices = k === 0 && !fullW1 ? litRowsSample(batch, 400) : Array.from({ length: p.size }, (_, i) => i);
    let sumAbs = 0;
    let worstRel = 0;
    for (const i of indices) {
      const orig = p.data[i] as number;
      p.data[i] = orig + h;
      const up = p.data[i] as number; // the step actually taken, after rounding
      const fUp = lossOf();
      p.data[i] = orig - h;
      const down = p.data[i] as number;
      const fDown = lossOf();
      p.data[i] = orig;
      const numeric = (fUp - fDown) / (up - down);
      const diff = Math.abs(numeric - (analytic[i] as number));
      sumAbs += diff;
      worstRel = Math.max(worstRel, diff / Math.max(Math.abs(numeric), Math.abs(analytic[i] as number), 1e-8));
    }
    const what = indices.length === p.size ? `all ${p.size}` : `${indices.length} of ${p.size} (seeded sample, rows of lit pixels)`;
    console.log(`  ${names[k]} [${p.shape.join('×')}]: ${(sumAbs / indices.length).toExponential(2)}   worst relative ${worstRel.toExponential(2)}   entries: ${what}`);
  });
  console.log(`  (${((performance.now() - start) / 1000).toFixed(1)} s; --full-gradcheck checks every entry of W1, about 80,000 loss evaluations)\n`);
}

/** A seeded sample of W1 entries whose input pixel is non-zero in the batch (the others have gradient exactly 0). */
function litRowsSample(batch: Digits, count: number): number[] {
  const lit: number[] = [];
  for (let px = 0; px < 784; px++) {
    let on = false;
    for (let r = 0; r < batch.y.length; r++) on ||= (batch.x.data[r * 784 + px] as number) !== 0;
    if (on) for (let j = 0; j < 50; j++) lit.push(px * 50 + j);
  }
  const order = seededPermutation(lit.length, seed + 1000);
  return Array.from(order.subarray(0, Math.min(count, lit.length)), (i) => lit[i] as number).sort((a, b) => a - b);
}

gradientCheck(takeRows(data.train, [0, 1, 2]), flags['full-gradcheck'] === true);

// ------------------------------------------------------------------ training (float32)
const model = twoLayerNet('float32');
let optimizer: Optimizer;
let setting: string;
if (flags.optimizer === 'adam') {
  const lr = numberFlag('lr', flags.lr ?? '1e-3', false);
  optimizer = new Adam(model.parameters(), { lr });
  setting = `Adam, lr ${lr}`;
} else if (flags.optimizer === 'sgd') {
  const lr = numberFlag('lr', flags.lr ?? '0.1', false);
  const momentum = numberFlag('momentum', flags.momentum, false);
  optimizer = new SGD(model.parameters(), { lr, momentum });
  setting = momentum === 0 ? `plain SGD, lr ${lr} (the book's setting)` : `SGD, lr ${lr} (the book's rate) with momentum ${momentum}`;
} else {
  throw new Error(`--optimizer must be sgd or adam, got ${flags.optimizer}`);
}
console.log(`Training 784-50-10 (sigmoid hidden layer, softmax cross-entropy, ${model.parameterCount().toLocaleString('en')} parameters, float32)`);
console.log(`  ${setting}; batch ${batchSize}, ${epochs} epochs, batches reshuffled each epoch (seed ${seed} + epoch).`);
if (flags.optimizer === 'sgd' && Number(flags.momentum) === 0) {
  console.log("  The book's setting passes 92 % test accuracy around epoch 40 on these 8,000 digits; --momentum 0.9 gets");
  console.log('  there by epoch 4 (try --momentum 0.9 --epochs 10), --optimizer adam --lr 0.003 a little further.');
}
console.log();

const objective: Objective = {
  loss: (logits, labels) => softmaxCrossEntropy(logits, labels),
  accuracy: (logits, labels) => accuracy(logits, labels),
};
const history = fit({
  model, optimizer, objective, train: data.train, test: data.test, epochs, batchSize, seed,
  onEpoch: (r) => console.log(formatEpoch(r, epochs)),
});
const last = history[history.length - 1];
if (last === undefined) throw new Error('no epochs recorded');

const series = historySeries(history);
const title = `Two-layer net 784-50-10 on MNIST (${setting})`;
writeSvg(chartPath, chartGrid([
  { title: 'Cross-entropy loss', xLabel: 'epoch', yLabel: 'loss', yScale: 'log', series: series.loss, width: 560, height: 380 },
  { title: 'Accuracy', xLabel: 'epoch', yLabel: 'accuracy (%)', series: series.accuracy, width: 560, height: 380 },
], { title }));

console.log(`\nFinal: train accuracy ${percent(last.trainAccuracy)}, test accuracy ${percent(last.testAccuracy)} on the ${TEST.toLocaleString('en')} held-out digits.`);
console.log(`Chart: ${chartPath}`);
console.log(`Total time ${((performance.now() - wallStart) / 1000).toFixed(1)} s (training ${last.seconds.toFixed(1)} s).`);
