// The training loop the examples share: seeded mini-batches, an optimizer step per batch, and an evaluation of
// loss and accuracy on the training and test sets after every epoch.
import { noGrad, type Module, type Optimizer, type Tensor } from '../../src/index.js';
import { seededPermutation, takeRows, type Digits } from './mnist.js';
import type { Series } from './svg-chart.js';

/** A loss (a one-element tensor) and an accuracy (a fraction) of a model's outputs against integer labels. */
export interface Objective {
  loss(outputs: Tensor, labels: Uint8Array): Tensor;
  accuracy(outputs: Tensor, labels: Uint8Array): number;
}

/** Loss and accuracy on both sets after an epoch (epoch 0 = before training). */
export interface EpochRecord {
  readonly epoch: number;
  readonly trainLoss: number;
  readonly testLoss: number;
  readonly trainAccuracy: number;
  readonly testAccuracy: number;
  /** Seconds since training started. */
  readonly seconds: number;
}

export interface FitOptions {
  readonly model: Module;
  readonly optimizer: Optimizer;
  readonly objective: Objective;
  readonly train: Digits;
  readonly test: Digits;
  readonly epochs: number;
  readonly batchSize: number;
  /** Seeds the per-epoch shuffles of the training set (epoch e uses seed + e). */
  readonly seed: number;
  /** Called with each record as soon as it exists (progress lines). */
  readonly onEpoch?: (record: EpochRecord) => void;
}

/** Loss and accuracy of the model on a whole set, without recording. */
export function evaluate(model: Module, objective: Objective, set: Digits): { loss: number; accuracy: number } {
  return noGrad(() => {
    const out = model.forward(set.x);
    return { loss: objective.loss(out, set.y).item(), accuracy: objective.accuracy(out, set.y) };
  });
}

/** Mini-batch training; returns one record per epoch, starting with epoch 0 (the untrained model). */
export function fit(o: FitOptions): EpochRecord[] {
  if (!Number.isInteger(o.batchSize) || o.batchSize < 1) throw new Error(`fit: batchSize must be a positive integer, got ${o.batchSize}`);
  const n = o.train.y.length;
  const start = performance.now();
  const history: EpochRecord[] = [];
  const record = (epoch: number): void => {
    const tr = evaluate(o.model, o.objective, o.train);
    const te = evaluate(o.model, o.objective, o.test);
    const r = { epoch, trainLoss: tr.loss, testLoss: te.loss, trainAccuracy: tr.accuracy, testAccuracy: te.accuracy, seconds: (performance.now() - start) / 1000 };
    history.push(r);
    o.onEpoch?.(r);
  };
  record(0);
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    const order = seededPermutation(n, o.seed + epoch);
    for (let b = 0; b + o.batchSize <= n; b += o.batchSize) {
      const batch = takeRows(o.train, order.subarray(b, b + o.batchSize));
      o.optimizer.zeroGrad();
      o.objective.loss(o.model.forward(batch.x), batch.y).backward();
      o.optimizer.step();
    }
    record(epoch);
  }
  return history;
}

const pct = (v: number): string => `${(100 * v).toFixed(2).padStart(6)} %`;

/** One progress line: epoch, loss, train and test accuracy, elapsed time. */
export function formatEpoch(r: EpochRecord, epochs: number): string {
  const w = String(epochs).length;
  return `epoch ${String(r.epoch).padStart(w)}/${epochs}  loss ${r.trainLoss.toFixed(4)} (test ${r.testLoss.toFixed(4)})  ` +
    `train ${pct(r.trainAccuracy)}  test ${pct(r.testAccuracy)}  ${r.seconds.toFixed(1).padStart(5)} s`;
}

/** Percent formatting shared by the examples' summaries. */
export const percent = (v: number): string => `${(100 * v).toFixed(2)} %`;

/** Chart series of a history: [train, test] loss and [train, test] accuracy (in %), names prefixed. */
export function historySeries(history: readonly EpochRecord[], prefix = ''): { loss: Series[]; accuracy: Series[] } {
  const p = (s: string): string => (prefix ? `${prefix}: ${s}` : s);
  const pts = (f: (r: EpochRecord) => number): Array<[number, number]> => history.map((r) => [r.epoch, f(r)]);
  return {
    loss: [
      { name: p('train loss'), points: pts((r) => r.trainLoss) },
      { name: p('test loss'), points: pts((r) => r.testLoss), dashed: true },
    ],
    accuracy: [
      { name: p('train accuracy'), points: pts((r) => 100 * r.trainAccuracy) },
      { name: p('test accuracy'), points: pts((r) => 100 * r.testAccuracy), dashed: true },
    ],
  };
}
