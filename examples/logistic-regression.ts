// The seed's aside: a single layer with a softmax (or sigmoid) output is logistic regression. Trained on the same
// MNIST split as the two-layer net, with the same optimizer, and reported next to it:
//   1. softmax regression, 784 → 10, all ten digits;
//   2. logistic regression with a sigmoid output on a two-class subset (4 vs 9, a pair that is easy to confuse);
//   3. the two-layer net 784-50-10, for comparison (skip with --skip-two-layer).
//
//   npx tsx examples/logistic-regression.ts [chart.svg] [--epochs 10] [--seed 0] [--skip-two-layer]
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Linear, SGD, Sequential, Tensor, accuracy, sigmoid, softmaxCrossEntropy, type Module } from '../src/index.js';
import { loadMnistSplit, takeRows, type Digits } from './lib/mnist.js';
import { chartGrid, writeSvg, type Series } from './lib/svg-chart.js';
import { fit, formatEpoch, historySeries, percent, type EpochRecord, type Objective } from './lib/train.js';

const { values: flags, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    epochs: { type: 'string', default: '10' },
    seed: { type: 'string', default: '0' },
    'skip-two-layer': { type: 'boolean', default: false },
  },
});
const epochs = Number(flags.epochs);
const seed = Number(flags.seed);
if (!Number.isInteger(epochs) || epochs < 0 || !Number.isInteger(seed)) {
  throw new Error(`--epochs and --seed must be integers, got ${JSON.stringify(flags.epochs)} and ${JSON.stringify(flags.seed)}`);
}
const chartPath = positionals[0] ?? join(tmpdir(), 'tinygrad-ts', 'logistic-regression.svg');
const [TRAIN, TEST, BATCH, LR, MOMENTUM] = [8000, 2000, 100, 0.1, 0.9];
const wallStart = performance.now();

const data = loadMnistSplit(TRAIN, TEST, seed);
console.log(`MNIST: the \`mnist\` package's 10,000 real digits (offline), split by a seeded shuffle (seed ${seed}) into`);
console.log(`${TRAIN.toLocaleString('en')} training and ${TEST.toLocaleString('en')} held-out test digits. Every model: SGD lr ${LR}, momentum ${MOMENTUM}, batch ${BATCH}, ${epochs} epochs.\n`);

const softmaxObjective: Objective = {
  loss: (logits, labels) => softmaxCrossEntropy(logits, labels),
  accuracy: (logits, labels) => accuracy(logits, labels),
};

// The sigmoid's cross-entropy −[y·log σ(z) + (1 − y)·log(1 − σ(z))], computed stably: σ(z) is the second entry of
// softmax([−z/2, z/2]), so it equals the softmax cross-entropy of those two logits (log-sum-exp, no log(0)).
const HALVES = Tensor.from([-0.5, 0.5]);
const sigmoidObjective: Objective = {
  loss: (z, labels) => softmaxCrossEntropy(z.mul(HALVES), labels),
  accuracy: (z, labels) => {
    const p = sigmoid(z).data; // predict class 1 when σ(z) > 1/2
    let hits = 0;
    for (let i = 0; i < labels.length; i++) if (((p[i] as number) > 0.5 ? 1 : 0) === labels[i]) hits++;
    return hits / labels.length;
  },
};

/** The digits `a` and `b` of a set, relabelled 0 and 1. */
function twoClass(set: Digits, a: number, b: number): Digits {
  const rows: number[] = [];
  set.y.forEach((label, i) => (label === a || label === b) && rows.push(i));
  const sub = takeRows(set, rows);
  return { x: sub.x, y: sub.y.map((label) => (label === b ? 1 : 0)) };
}

interface Run {
  readonly name: string;
  readonly model: Module;
  readonly history: EpochRecord[];
  readonly test: number;
}

function run(name: string, model: Module, objective: Objective, train: Digits, test: Digits): Run {
  console.log(`${name}: ${model.parameterCount().toLocaleString('en')} parameters, ${train.y.length.toLocaleString('en')} training / ${test.y.length.toLocaleString('en')} test digits`);
  const optimizer = new SGD(model.parameters(), { lr: LR, momentum: MOMENTUM });
  const history = fit({
    model, optimizer, objective, train, test, epochs, batchSize: BATCH, seed,
    onEpoch: (r) => r.epoch % Math.max(1, Math.floor(epochs / 5)) === 0 && console.log(`  ${formatEpoch(r, epochs)}`),
  });
  console.log();
  return { name, model, history, test: test.y.length };
}

const runs: Run[] = [
  run('Softmax regression 784→10 (all ten digits)', new Linear(784, 10, { seed: seed + 1 }), softmaxObjective, data.train, data.test),
  run('Logistic regression 784→1, sigmoid output (4 vs 9)', new Linear(784, 1, { seed: seed + 1 }), sigmoidObjective, twoClass(data.train, 4, 9), twoClass(data.test, 4, 9)),
];
if (flags['skip-two-layer'] !== true) {
  const net = new Sequential([new Linear(784, 50, { seed: seed + 1 }), sigmoid, new Linear(50, 10, { seed: seed + 2 })]);
  runs.push(run('Two-layer net 784-50-10, sigmoid hidden layer (all ten digits)', net, softmaxObjective, data.train, data.test));
}

console.log('Final accuracies (held-out digits in the last column):');
const width = Math.max(...runs.map((r) => r.name.length));
for (const r of runs) {
  const last = r.history[r.history.length - 1] as EpochRecord;
  console.log(`  ${r.name.padEnd(width)}  params ${r.model.parameterCount().toLocaleString('en').padStart(6)}  train ${percent(last.trainAccuracy).padStart(8)}  test ${percent(last.testAccuracy).padStart(8)} (of ${r.test.toLocaleString('en')})`);
}

const short = ['softmax regression', 'logistic 4 vs 9', 'two-layer net'];
const loss: Series[] = [];
const acc: Series[] = [];
runs.forEach((r, i) => {
  const s = historySeries(r.history, short[i]);
  const color = ['#4e79a7', '#59a14f', '#e15759'][i];
  loss.push(...s.loss.map((x) => ({ ...x, color })));
  acc.push(...s.accuracy.map((x) => ({ ...x, color })));
});
writeSvg(chartPath, chartGrid([
  { title: 'Cross-entropy loss', xLabel: 'epoch', yLabel: 'loss', yScale: 'log', series: loss, width: 760, height: 420 },
  { title: 'Accuracy (solid: train, dashed: test)', xLabel: 'epoch', yLabel: 'accuracy (%)', series: acc, width: 760, height: 420, yDomain: [50, 100] },
], { title: 'Logistic regression vs the two-layer net on MNIST' }));
console.log(`\nChart: ${chartPath}`);
console.log(`Total time ${((performance.now() - wallStart) / 1000).toFixed(1)} s.`);
