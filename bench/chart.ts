// A dependency-free SVG bar chart of "how many times faster than each peer" per benchmark row (log scale).

export interface RatioBar {
  readonly row: string;
  readonly peer: string;
  readonly ratio: number; // > 1: tinygrad-ts is faster
}

export function ratioChart(bars: readonly RatioBar[]): string {
  const rowH = 16;
  const left = 300;
  const width = 760;
  const scale = 90; // pixels per factor of 10
  const zero = left + 3 * scale; // ratios from 10⁻³ to 10³ fit
  const h = bars.length * rowH + 40;
  const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width + 200}" height="${h}" font-family="sans-serif" font-size="11">`,
    `<text x="4" y="14" font-weight="bold">tinygrad-ts speed ÷ peer speed (log scale; right of the line = we are faster)</text>`,
    `<line x1="${zero}" y1="20" x2="${zero}" y2="${h - 4}" stroke="#000"/>`,
  ];
  bars.forEach((b, i) => {
    const y = 24 + i * rowH;
    const r = Math.min(Math.max(b.ratio, 1e-3), 1e3);
    const len = Math.log10(r) * scale;
    const x = len >= 0 ? zero : zero + len;
    parts.push(`<text x="4" y="${y + 11}">${esc(`${b.row} vs ${b.peer}`)}</text>`);
    parts.push(`<rect x="${x.toFixed(1)}" y="${y + 2}" width="${Math.abs(len).toFixed(1)}" height="${rowH - 4}" fill="${r >= 1 ? '#2a7' : '#c33'}"/>`);
    parts.push(`<text x="${(zero + Math.max(len, 0) + 4).toFixed(1)}" y="${y + 11}">×${b.ratio.toPrecision(3)}</text>`);
  });
  parts.push('</svg>');
  return parts.join('\n');
}
