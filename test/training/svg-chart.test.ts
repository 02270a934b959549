// The examples' (and benchmarks') SVG line-chart writer.
import { describe, expect, it } from 'vitest';
import { chartGrid, escapeXml, lineChart } from '../../examples/lib/svg-chart.js';

const texts = (svg: string): string[] => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1] as string);
const paths = (svg: string): string[] => [...svg.matchAll(/<path d="([^"]*)"/g)].map((m) => m[1] as string);

describe('lineChart', () => {
  const spec = {
    title: 'Loss & accuracy <per epoch>',
    xLabel: 'epoch',
    yLabel: 'loss',
    series: [
      { name: 'train', points: [[0, 2.5], [1, 0.45], [2, 0.33]] as Array<[number, number]> },
      { name: 'test "held-out"', points: [[0, 2.4], [1, 0.5], [2, 0.4]] as Array<[number, number]>, dashed: true },
    ],
  };

  it('writes a standalone SVG with the title, axis labels, legend and one path per series, text escaped', () => {
    const svg = lineChart(spec);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    const t = texts(svg);
    expect(t).toContain('Loss &amp; accuracy &lt;per epoch&gt;');
    expect(t).toContain('epoch');
    expect(t).toContain('loss');
    expect(t).toContain('test &quot;held-out&quot;');
    expect(paths(svg)).toHaveLength(2);
    expect(svg).toContain('stroke-dasharray');
  });

  it('labels a linear axis with round ticks covering the data', () => {
    const t = texts(lineChart(spec));
    for (const label of ['0', '0.5', '1.0', '1.5', '2.0', '2.5']) expect(t).toContain(label); // y ticks
    const wide = texts(lineChart({ ...spec, series: [{ name: 's', points: [[0, 1], [10, 2]] }] }));
    for (const label of ['0', '2', '4', '6', '8', '10']) expect(wide).toContain(label); // x ticks
  });

  it('labels log axes by powers of ten, with 2 and 5 when the range is short', () => {
    const svg = lineChart({
      title: 'log-log', xLabel: 'n', yLabel: 'seconds', xScale: 'log', yScale: 'log',
      series: [{ name: 'numerical', points: [[16, 5e-5], [784, 0.12]] }],
    });
    const t = texts(svg);
    for (const label of ['10', '100', '1000', '1e-5', '1e-4', '0.001', '0.01', '0.1', '1']) expect(t).toContain(label);
    expect(t).toContain('n (log scale)');
    const short = texts(lineChart({ title: 'short', xLabel: 'x', yLabel: 'y', yScale: 'log', series: [{ name: 's', points: [[0, 0.3], [1, 4]] }] }));
    for (const label of ['0.2', '0.5', '1', '2', '5']) expect(short).toContain(label);
  });

  it('places points proportionally: on a log axis 10 → 100 → 1000 are evenly spaced', () => {
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', xScale: 'log', series: [{ name: 's', points: [[10, 1], [100, 2], [1000, 3]] }] });
    const xs = [...(paths(svg)[0] as string).matchAll(/[ML]([\d.]+) /g)].map((m) => Number(m[1]));
    expect(xs).toHaveLength(3);
    expect(Math.abs((xs[1] as number) - (xs[0] as number) - ((xs[2] as number) - (xs[1] as number)))).toBeLessThan(0.25);
  });

  it('breaks a line at non-finite points and at non-positive values on a log axis', () => {
    const svg = lineChart({ title: 't', xLabel: 'x', yLabel: 'y', yScale: 'log', series: [{ name: 's', points: [[0, 1], [1, 2], [2, 0], [3, 4], [4, NaN], [5, 8], [6, 9]] }] });
    expect((paths(svg)[0] as string).match(/M/g)).toHaveLength(3);
  });

  it('distinguishes ticks of a narrow range and abbreviates huge values', () => {
    const narrow = texts(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 1.0001], [1, 1.0003]] }] }));
    expect(narrow).toContain('1.00010');
    expect(narrow).toContain('1.00030');
    const huge = texts(lineChart({ title: 't', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 0], [1, 1.2e9]] }] }));
    expect(huge).toContain('1.2e9');
    expect(huge).toContain('0');
  });

  it('rejects charts it cannot draw', () => {
    expect(() => lineChart({ ...spec, series: [] })).toThrow(/at least one series/);
    expect(() => lineChart({ ...spec, yScale: 'log', series: [{ name: 's', points: [[0, 0], [1, -1]] }] })).toThrow(/no positive finite y values/);
    expect(() => lineChart({ ...spec, xScale: 'sqrt' as never })).toThrow(/xScale must be 'linear' or 'log'/);
    expect(() => lineChart({ ...spec, yDomain: [1, 0] })).toThrow(/bad y domain/);
  });
});

describe('chartGrid', () => {
  it('lays charts out in columns under a title, with unique clip ids', () => {
    const c = { title: 'same', xLabel: 'x', yLabel: 'y', series: [{ name: 's', points: [[0, 1], [1, 2]] as Array<[number, number]> }], width: 300, height: 200 };
    const svg = chartGrid([c, c, c], { columns: 2, title: 'Grid' });
    expect(svg).toMatch(/^<svg[^>]* width="600" height="436"/);
    const ids = [...svg.matchAll(/<clipPath id="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(3);
    expect(texts(svg)).toContain('Grid');
  });

  it('escapes the five XML specials it needs to', () => {
    expect(escapeXml('a<b>&"c"')).toBe('a&lt;b&gt;&amp;&quot;c&quot;');
  });
});
