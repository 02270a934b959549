// Soak: long training runs must not grow the heap. Run with `npm run soak` (node --expose-gc).
// Three runs of STEPS steps each on the two-layer net with a fresh random batch per step:
//   backward — loss.backward() + SGD.step() (the tape is built and freed every step)
//   grad     — valueAndGrad(loss)(params) + an in-place update (the functional path)
//   forward  — forward passes with requiresGrad parameters and no backward (graphs nobody holds must be collected)
// heapUsed is sampled after global.gc() every STEPS/10 steps; a run fails if the heap grows by more than
// LIMIT_MB from the step-STEPS/10 sample to the end. A WeakRef check then proves one step's graph is collectable.
// Env: SOAK_STEPS (default 100000), SOAK_LIMIT_MB (default 3), SOAK_JSON=1 prints one JSON line (for the test).
import { SGD, Tensor, noGrad, softmaxCrossEntropy, valueAndGrad } from '../src/index.js';

const STEPS = Number(process.env.SOAK_STEPS ?? 100_000);
const LIMIT_MB = Number(process.env.SOAK_LIMIT_MB ?? 3);
const [N, n, m, t] = [16, 20, 12, 4];
const lr = 0.05;

const gc = (globalThis as { gc?: () => void }).gc;
if (typeof gc !== 'function') {
  console.error('soak: run with node --expose-gc (npm run soak does)');
  process.exit(2);
}

function heapMB(): number {
  gc!();
  gc!();
  return process.memoryUsage().heapUsed / 2 ** 20;
}

type Params = [Tensor, Tensor, Tensor, Tensor];
function makeParams(): Params {
  return [
    Tensor.randn([n, m], { seed: 1 }).mul(0.3),
    Tensor.zeros([m]),
    Tensor.randn([m, t], { seed: 2 }).mul(0.3),
    Tensor.zeros([t]),
  ].map((p) => Object.assign(p.detach(), { requiresGrad: true })) as Params;
}

const labels = Array.from({ length: N }, (_, i) => i % t);
const net = (x: Tensor, [W1, b1, W2, b2]: Params): Tensor =>
  softmaxCrossEntropy(x.matmul(W1).add(b1).sigmoid().matmul(W2).add(b2), labels);
const batch = (): Tensor => Tensor.randn([N, n]);

const modes: Record<string, (params: Params) => () => number> = {
  backward: (params) => {
    const opt = new SGD(params, { lr });
    return () => {
      opt.zeroGrad();
      const loss = net(batch(), params);
      loss.backward();
      opt.step();
      return loss.item();
    };
  },
  grad: (params) => {
    const vg = valueAndGrad((x: Tensor, ...p: Params) => net(x, p), { argnums: [1, 2, 3, 4] });
    return () => {
      const [loss, grads] = vg(batch(), ...params);
      params.forEach((p, k) => {
        const g = (grads[k] as Tensor).data;
        for (let i = 0; i < p.size; i++) p.data[i] = (p.data[i] as number) - lr * (g[i] as number);
      });
      return loss.item();
    };
  },
  forward: (params) => () => net(batch(), params).item(),
};

interface RunResult { mode: string; steps: number; warmMB: number; endMB: number; growthMB: number; seconds: number; firstLoss: number; lastLoss: number; ok: boolean }

function run(mode: string): RunResult {
  const step = (modes[mode] as (p: Params) => () => number)(makeParams());
  const every = Math.max(1, Math.floor(STEPS / 10));
  const samples: number[] = [];
  const start = performance.now();
  let first = NaN;
  let last = NaN;
  for (let s = 1; s <= STEPS; s++) {
    last = step();
    if (s === 1) first = last;
    if (!Number.isFinite(last)) throw new Error(`soak ${mode}: loss went non-finite (${last}) at step ${s}`);
    if (s % every === 0) samples.push(heapMB());
  }
  const warmMB = samples[0] as number;
  const endMB = samples[samples.length - 1] as number;
  const growthMB = endMB - warmMB;
  const r = { mode, steps: STEPS, warmMB, endMB, growthMB, seconds: (performance.now() - start) / 1000, firstLoss: first, lastLoss: last, ok: growthMB <= LIMIT_MB };
  if (process.env.SOAK_JSON !== '1') {
    console.log(
      `${mode.padEnd(8)} ${STEPS} steps in ${r.seconds.toFixed(1)} s: heapUsed after gc ${samples.map((v) => v.toFixed(2)).join(' → ')} MB; ` +
        `growth from step ${every} to ${STEPS}: ${growthMB >= 0 ? '+' : ''}${growthMB.toFixed(3)} MB (limit ${LIMIT_MB} MB) ${r.ok ? 'ok' : 'FAIL'}; loss ${first.toFixed(4)} → ${last.toFixed(4)}`,
    );
  }
  return r;
}

/** After one step of each kind, nothing the step built is still reachable: the graph and its saved values are collected. */
async function graphIsCollected(): Promise<boolean> {
  const params = makeParams();
  const refs: WeakRef<object>[] = [];
  (() => {
    const x = batch();
    const h = x.matmul(params[0]).add(params[1]).sigmoid();
    const loss = softmaxCrossEntropy(h.matmul(params[2]).add(params[3]), labels);
    refs.push(new WeakRef(h), new WeakRef(loss), new WeakRef(x));
    loss.backward();
    refs.push(new WeakRef(params[0].grad as Tensor));
    params.forEach((p) => (p.grad = null));
    const unused = noGrad(() => h.mul(2)); // unrecorded work is collected too
    refs.push(new WeakRef(unused));
    refs.push(new WeakRef(net(batch(), params))); // forward only, never backward
  })();
  for (let i = 0; i < 5 && refs.some((r) => r.deref() !== undefined); i++) {
    await new Promise((resolve) => setTimeout(resolve, 0));
    gc!();
  }
  return refs.every((r) => r.deref() === undefined);
}

const results = Object.keys(modes).map(run);
const collected = await graphIsCollected();
const ok = results.every((r) => r.ok) && collected;
if (process.env.SOAK_JSON === '1') console.log(JSON.stringify({ results, collected, ok }));
else console.log(`graph of one step collected after gc: ${collected ? 'yes' : 'NO'}\nsoak ${ok ? 'passed' : 'FAILED'}`);
process.exit(ok ? 0 : 1);
