// A tiny dependency-free SVG line-chart writer for the examples and the benchmarks: several series, a legend,
// a title, axis labels, readable ticks, and linear or log10 axes. `lineChart` returns a complete SVG document;
// `chartGrid` puts several charts side by side in one document.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

/** One line of a chart. Points with a non-finite coordinate (or ≤ 0 on a log axis) break the line. */
export interface Series {
  readonly name: string;
  readonly points: ReadonlyArray<readonly [number, number]>;
  /** A CSS colour; by default the next colour of a colour-blind-friendly palette. */
  readonly color?: string;
  /** Draw the line dashed (e.g. a fitted or predicted line beside the measured one). */
  readonly dashed?: boolean;
  /** Draw a dot at each point (default: when the series has at most 40 points). */
  readonly markers?: boolean;
}

export type AxisScale = 'linear' | 'log';

export interface LineChartSpec {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  /** `'linear'` (default) or `'log'` (base 10; every value on that axis must then be > 0). */
  readonly xScale?: AxisScale;
  readonly yScale?: AxisScale;
  readonly series: readonly Series[];
  /** Fixed axis ranges; by default the data's range, widened to round tick values. */
  readonly xDomain?: readonly [number, number];
  readonly yDomain?: readonly [number, number];
  /** Size of the whole chart in pixels (default 640 × 400). */
  readonly width?: number;
  readonly height?: number;
}

const PALETTE = ['#4e79a7', '#e15759', '#59a14f', '#f28e2b', '#b07aa1', '#76b7b2', '#edc948', '#9c755f', '#ff9da7', '#bab0ac'];
const FONT = 'font-family="system-ui, -apple-system, Segoe UI, Helvetica, Arial, sans-serif"';
const CHAR_WIDTH = 6.6; // rough width of a 12px sans-serif character, for layout without measuring text

interface Axis {
  readonly scale: AxisScale;
  readonly lo: number;
  readonly hi: number;
  /** Labelled ticks. */
  readonly ticks: readonly number[];
  /** Unlabelled ticks (log axes: 2…9 × 10ᵏ). */
  readonly minor: readonly number[];
  readonly format: (v: number) => string;
}

/** Escapes text for SVG. */
export function escapeXml(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Rounds for SVG coordinates: short files, no "1.0000000002". */
const r = (v: number): string => String(Math.round(v * 10) / 10);

/** 1, 2 or 5 × 10ᵏ: the round step giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const f = raw / mag;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * mag;
}

function linearAxis(lo: number, hi: number, fixed: boolean): Axis {
  if (lo === hi) [lo, hi] = lo === 0 ? [-1, 1] : [lo - Math.abs(lo) / 2, hi + Math.abs(hi) / 2];
  const step = niceStep(hi - lo, 6);
  if (!fixed) [lo, hi] = [Math.floor(lo / step + 1e-9) * step, Math.ceil(hi / step - 1e-9) * step];
  const ticks: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) ticks.push(Math.abs(t) < step * 1e-9 ? 0 : t);
  const stepExp = Math.floor(Math.log10(step) + 1e-9);
  const maxAbs = Math.max(Math.abs(lo), Math.abs(hi));
  const scientific = maxAbs >= 1e6 || maxAbs < 1e-3;
  // enough digits to tell neighbouring ticks apart, and no more
  const digits = Math.min(10, Math.max(0, Math.floor(Math.log10(maxAbs) + 1e-9) - stepExp));
  const format = (v: number): string => {
    if (v === 0) return '0';
    return scientific ? v.toExponential(digits).replace('e+', 'e') : v.toFixed(Math.max(0, -stepExp));
  };
  return { scale: 'linear', lo, hi, ticks, minor: [], format };
}

function logAxis(lo: number, hi: number, fixed: boolean): Axis {
  if (lo === hi) [lo, hi] = [lo / 10, hi * 10];
  const k0 = Math.floor(Math.log10(lo) + 1e-9);
  const k1 = Math.ceil(Math.log10(hi) - 1e-9);
  if (!fixed) [lo, hi] = [10 ** k0, 10 ** k1];
  const decades = k1 - k0;
  const ticks: number[] = [];
  const minor: number[] = [];
  const stride = Math.max(1, Math.ceil(decades / 8)); // at most ~8 labelled decades
  for (let k = k0; k <= k1; k++) {
    for (let m = 1; m <= 9; m++) {
      const v = m * 10 ** k;
      if (v < lo * (1 - 1e-9) || v > hi * (1 + 1e-9)) continue;
      const labelled = m === 1 ? (k - k0) % stride === 0 : decades <= 2 && (m === 2 || m === 5);
      (labelled ? ticks : minor).push(v);
    }
  }
  const format = (v: number): string => {
    if (v >= 1e-3 && v < 1e5) return String(Number(v.toPrecision(6)));
    const k = Math.floor(Math.log10(v) + 1e-9);
    const m = v / 10 ** k;
    return Math.abs(m - 1) < 1e-9 ? `1e${k}` : `${Number(m.toPrecision(3))}e${k}`;
  };
  return { scale: 'log', lo, hi, ticks, minor, format };
}

function usable(v: number, scale: AxisScale): boolean {
  return Number.isFinite(v) && (scale === 'linear' || v > 0);
}

function makeAxis(values: number[], scale: AxisScale, domain: readonly [number, number] | undefined, name: string): Axis {
  if (domain !== undefined) {
    const [lo, hi] = domain;
    if (!(usable(lo, scale) && usable(hi, scale) && lo < hi)) throw new Error(`lineChart: bad ${name} domain [${lo}, ${hi}] for a ${scale} axis`);
    return scale === 'log' ? logAxis(lo, hi, true) : linearAxis(lo, hi, true);
  }
  const ok = values.filter((v) => usable(v, scale));
  if (ok.length === 0) throw new Error(`lineChart: no ${scale === 'log' ? 'positive finite' : 'finite'} ${name} values to plot`);
  const lo = Math.min(...ok);
  const hi = Math.max(...ok);
  return scale === 'log' ? logAxis(lo, hi, false) : linearAxis(lo, hi, false);
}

/** Maps a value to [0, 1] along the axis (log axes map log10). */
function fraction(axis: Axis, v: number): number {
  if (axis.scale === 'log') return (Math.log10(v) - Math.log10(axis.lo)) / (Math.log10(axis.hi) - Math.log10(axis.lo));
  return (v - axis.lo) / (axis.hi - axis.lo);
}

function checkSpec(spec: LineChartSpec): void {
  if (!spec || !Array.isArray(spec.series) || spec.series.length === 0) throw new Error('lineChart: expected at least one series');
  for (const s of spec.series) {
    if (typeof s.name !== 'string' || !Array.isArray(s.points)) throw new Error('lineChart: every series needs a name and an array of [x, y] points');
  }
  for (const [key, v] of [['xScale', spec.xScale], ['yScale', spec.yScale]] as const) {
    if (v !== undefined && v !== 'linear' && v !== 'log') throw new Error(`lineChart: ${key} must be 'linear' or 'log', got ${String(v)}`);
  }
}

/** The chart's inner SVG elements, laid out in a `width` × `height` box. */
function renderBody(spec: LineChartSpec, width: number, height: number, idSuffix = ''): string {
  checkSpec(spec);
  const xs = spec.series.flatMap((s) => s.points.map((p) => p[0]));
  const ys = spec.series.flatMap((s) => s.points.map((p) => p[1]));
  const xa = makeAxis(xs, spec.xScale ?? 'linear', spec.xDomain, 'x');
  const ya = makeAxis(ys, spec.yScale ?? 'linear', spec.yDomain, 'y');
  const legendWidth = 28 + CHAR_WIDTH * Math.max(...spec.series.map((s) => s.name.length));
  const yTickWidth = CHAR_WIDTH * Math.max(...ya.ticks.map((t) => ya.format(t).length), 1);
  const left = 30 + yTickWidth;
  const right = Math.min(legendWidth + 24, width * 0.45);
  const top = 40;
  const bottom = 50;
  const pw = Math.max(40, width - left - right);
  const ph = Math.max(40, height - top - bottom);
  const px = (v: number): number => left + fraction(xa, v) * pw;
  const py = (v: number): number => top + (1 - fraction(ya, v)) * ph;
  const out: string[] = [];
  out.push(`<rect width="${width}" height="${height}" fill="#ffffff"/>`);
  out.push(`<text x="${r(left + pw / 2)}" y="24" text-anchor="middle" font-size="15" font-weight="600" ${FONT}>${escapeXml(spec.title)}</text>`);
  // grid and ticks
  const grid: string[] = [];
  for (const t of xa.minor) grid.push(`<line x1="${r(px(t))}" y1="${top}" x2="${r(px(t))}" y2="${r(top + ph)}" stroke="#f0f0f0"/>`);
  for (const t of ya.minor) grid.push(`<line x1="${left}" y1="${r(py(t))}" x2="${r(left + pw)}" y2="${r(py(t))}" stroke="#f0f0f0"/>`);
  for (const t of xa.ticks) {
    const x = r(px(t));
    grid.push(`<line x1="${x}" y1="${top}" x2="${x}" y2="${r(top + ph)}" stroke="#dddddd"/>`);
    grid.push(`<line x1="${x}" y1="${r(top + ph)}" x2="${x}" y2="${r(top + ph + 5)}" stroke="#333333"/>`);
    grid.push(`<text x="${x}" y="${r(top + ph + 18)}" text-anchor="middle" font-size="12" fill="#333333" ${FONT}>${escapeXml(xa.format(t))}</text>`);
  }
  for (const t of ya.ticks) {
    const y = r(py(t));
    grid.push(`<line x1="${left}" y1="${y}" x2="${r(left + pw)}" y2="${y}" stroke="#dddddd"/>`);
    grid.push(`<line x1="${left - 5}" y1="${y}" x2="${left}" y2="${y}" stroke="#333333"/>`);
    grid.push(`<text x="${left - 8}" y="${y}" dy="0.35em" text-anchor="end" font-size="12" fill="#333333" ${FONT}>${escapeXml(ya.format(t))}</text>`);
  }
  out.push(...grid);
  out.push(`<rect x="${left}" y="${top}" width="${r(pw)}" height="${r(ph)}" fill="none" stroke="#333333"/>`);
  out.push(`<text x="${r(left + pw / 2)}" y="${r(height - 12)}" text-anchor="middle" font-size="13" ${FONT}>${escapeXml(spec.xLabel)}${xa.scale === 'log' ? ' (log scale)' : ''}</text>`);
  const cy = r(top + ph / 2);
  out.push(`<text x="16" y="${cy}" transform="rotate(-90 16 ${cy})" text-anchor="middle" font-size="13" ${FONT}>${escapeXml(spec.yLabel)}${ya.scale === 'log' ? ' (log scale)' : ''}</text>`);
  // series, clipped to the plot area
  const clip = `clip${Math.abs(hash(spec.title + width + height))}${idSuffix}`;
  out.push(`<clipPath id="${clip}"><rect x="${left}" y="${top}" width="${r(pw)}" height="${r(ph)}"/></clipPath>`);
  spec.series.forEach((s, i) => {
    const color = s.color ?? (PALETTE[i % PALETTE.length] as string);
    let d = '';
    let pen = false;
    const dots: string[] = [];
    for (const [x, y] of s.points) {
      if (!usable(x, xa.scale) || !usable(y, ya.scale)) {
        pen = false;
        continue;
      }
      d += `${pen ? 'L' : 'M'}${r(px(x))} ${r(py(y))}`;
      pen = true;
      dots.push(`<circle cx="${r(px(x))}" cy="${r(py(y))}" r="2.6" fill="${color}"/>`);
    }
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<g clip-path="url(#${clip})"><path d="${d}" fill="none" stroke="${color}" stroke-width="2"${dash}/>${(s.markers ?? s.points.length <= 40) ? dots.join('') : ''}</g>`);
  });
  // legend, right of the plot
  const lx = left + pw + 14;
  spec.series.forEach((s, i) => {
    const color = s.color ?? (PALETTE[i % PALETTE.length] as string);
    const y = top + 8 + i * 20;
    const dash = s.dashed ? ' stroke-dasharray="6 4"' : '';
    out.push(`<line x1="${r(lx)}" y1="${y}" x2="${r(lx + 20)}" y2="${y}" stroke="${color}" stroke-width="2"${dash}/>`);
    out.push(`<text x="${r(lx + 26)}" y="${y}" dy="0.35em" font-size="12" fill="#333333" ${FONT}>${escapeXml(s.name)}</text>`);
  });
  return out.join('\n');
}

function hash(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, 31) + s.charCodeAt(i)) | 0;
  return h;
}

function svgDocument(width: number, height: number, body: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">\n${body}\n</svg>\n`;
}

/**
 * A line chart as a complete SVG document.
 * @example lineChart({ title: 'Loss', xLabel: 'epoch', yLabel: 'loss', series: [{ name: 'train', points: [[1, 0.9], [2, 0.5]] }] })
 */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const height = spec.height ?? 400;
  return svgDocument(width, height, renderBody(spec, width, height));
}

/**
 * Several charts in one SVG document, laid out in rows of `columns` (default: all in one row), under an optional
 * overall `title`. Each chart keeps its own width and height (default 640 × 400).
 */
export function chartGrid(charts: readonly LineChartSpec[], options: { readonly columns?: number; readonly title?: string } = {}): string {
  if (!Array.isArray(charts) || charts.length === 0) throw new Error('chartGrid: expected at least one chart');
  const columns = Math.max(1, Math.floor(options.columns ?? charts.length));
  const header = options.title ? 36 : 0;
  const cells = charts.map((spec, i) => ({ spec, w: spec.width ?? 640, h: spec.height ?? 400, i }));
  const colWidths = Array.from({ length: columns }, (_, c) => Math.max(0, ...cells.filter((x) => x.i % columns === c).map((x) => x.w)));
  const rowCount = Math.ceil(cells.length / columns);
  const rowHeights = Array.from({ length: rowCount }, (_, row) => Math.max(...cells.filter((x) => Math.floor(x.i / columns) === row).map((x) => x.h)));
  const parts = cells.map(({ spec, w, h, i }) => {
    const x = colWidths.slice(0, i % columns).reduce((a, b) => a + b, 0);
    const y = header + rowHeights.slice(0, Math.floor(i / columns)).reduce((a, b) => a + b, 0);
    const body = renderBody(spec, w, h, `c${i}`); // unique clip ids even for charts with the same title and size
    return `<svg x="${x}" y="${y}" width="${w}" height="${h}">\n${body}\n</svg>`;
  });
  const width = colWidths.reduce((a, b) => a + b, 0);
  const height = header + rowHeights.reduce((a, b) => a + b, 0);
  const top = options.title
    ? `<rect width="${width}" height="${header}" fill="#ffffff"/>\n<text x="${r(width / 2)}" y="26" text-anchor="middle" font-size="17" font-weight="600" ${FONT}>${escapeXml(options.title)}</text>\n`
    : '';
  return svgDocument(width, height, top + parts.join('\n'));
}

/** Writes an SVG string to `path`, creating missing folders; returns the path. */
export function writeSvg(path: string, svg: string): string {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, svg);
  return path;
}
