// Redraws bench/results/ratios.svg from a recorded run: `npx tsx bench/replot.ts bench/results/<run>.json`.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { ratioChart, type RatioBar } from './chart.js';

interface Stored {
  results: Array<{ row: string; unit: string; higherIsBetter: boolean; results: Record<string, { median?: number; error?: string }> }>;
}

const file = process.argv[2];
if (!file) throw new Error('usage: npx tsx bench/replot.ts bench/results/<run>.json');
const doc = JSON.parse(readFileSync(file, 'utf8')) as Stored;
const bars: RatioBar[] = [];
for (const r of doc.results) {
  if (r.unit === 'ratio') continue;
  const names = Object.keys(r.results);
  const ours = names.find((n) => n.startsWith('tinygrad-ts'));
  const x = ours ? r.results[ours]?.median : undefined;
  if (!ours || x === undefined) continue;
  for (const peer of names.filter((n) => !n.startsWith('tinygrad-ts'))) {
    const y = r.results[peer]?.median;
    if (y !== undefined) bars.push({ row: r.row, peer, ratio: r.higherIsBetter ? x / y : y / x });
  }
}
const out = join(dirname(file), 'ratios.svg');
writeFileSync(out, ratioChart(bars));
console.log(`${bars.length} bars → ${out}`);
