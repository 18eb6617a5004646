/** A line chart as a standalone SVG file: enough for a results curve in a report, with no plotting dependency. */
export interface Series {
  readonly label: string;
  readonly points: readonly (readonly [number, number])[];
  readonly dashed?: boolean;
}

export interface ChartOptions {
  readonly title: string;
  readonly xLabel: string;
  readonly yLabel: string;
  readonly xRange: readonly [number, number];
  readonly yRange: readonly [number, number];
}

const COLOURS = ['#1f77b4', '#d62728', '#2ca02c', '#9467bd', '#7f7f7f'];
const W = 640;
const H = 420;
const M = { left: 60, right: 20, top: 40, bottom: 50 };

export function lineChartSvg(series: readonly Series[], o: ChartOptions): string {
  const sx = (x: number): number => M.left + ((x - o.xRange[0]) / (o.xRange[1] - o.xRange[0])) * (W - M.left - M.right);
  const sy = (y: number): number => H - M.bottom - ((y - o.yRange[0]) / (o.yRange[1] - o.yRange[0])) * (H - M.top - M.bottom);
  const ticks = (lo: number, hi: number): number[] => Array.from({ length: 6 }, (_, i) => lo + ((hi - lo) * i) / 5);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif" font-size="12">`,
    `<rect width="${W}" height="${H}" fill="white"/>`,
    `<text x="${W / 2}" y="22" text-anchor="middle" font-size="15">${escape(o.title)}</text>`,
  ];
  for (const t of ticks(...o.xRange)) {
    parts.push(`<line x1="${sx(t)}" y1="${sy(o.yRange[0])}" x2="${sx(t)}" y2="${sy(o.yRange[1])}" stroke="#eee"/>`);
    parts.push(`<text x="${sx(t)}" y="${H - M.bottom + 16}" text-anchor="middle">${round(t)}</text>`);
  }
  for (const t of ticks(...o.yRange)) {
    parts.push(`<line x1="${sx(o.xRange[0])}" y1="${sy(t)}" x2="${sx(o.xRange[1])}" y2="${sy(t)}" stroke="#eee"/>`);
    parts.push(`<text x="${M.left - 6}" y="${sy(t) + 4}" text-anchor="end">${round(t)}</text>`);
  }
  parts.push(`<rect x="${M.left}" y="${M.top}" width="${W - M.left - M.right}" height="${H - M.top - M.bottom}" fill="none" stroke="#333"/>`);
  parts.push(`<text x="${W / 2}" y="${H - 12}" text-anchor="middle">${escape(o.xLabel)}</text>`);
  parts.push(`<text transform="translate(16 ${H / 2}) rotate(-90)" text-anchor="middle">${escape(o.yLabel)}</text>`);
  series.forEach((s, i) => {
    const colour = COLOURS[i % COLOURS.length];
    const d = s.points.map(([x, y], j) => `${j ? 'L' : 'M'}${sx(x).toFixed(1)} ${sy(y).toFixed(1)}`).join(' ');
    parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    const ly = M.top + 16 + i * 16;
    parts.push(`<line x1="${W - 190}" y1="${ly - 4}" x2="${W - 170}" y2="${ly - 4}" stroke="${colour}" stroke-width="2"${s.dashed ? ' stroke-dasharray="5 4"' : ''}/>`);
    parts.push(`<text x="${W - 165}" y="${ly}">${escape(s.label)}</text>`);
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}

function round(v: number): string {
  return String(Math.round(v * 100) / 100);
}

function escape(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export interface HeatmapOptions {
  readonly title: string;
  readonly rowLabel: string;
  readonly columnLabel: string;
  readonly labels: readonly string[];
}

/** A matrix of counts as a heatmap (a confusion matrix: rows are the truth), each cell labelled with its count. */
export function heatmapSvg(matrix: readonly (readonly number[])[], o: HeatmapOptions): string {
  const n = matrix.length;
  const cell = Math.max(24, Math.min(48, Math.floor(480 / n)));
  const left = 130;
  const top = 50;
  const width = left + n * cell + 20;
  const height = top + n * cell + 120;
  const max = Math.max(1, ...matrix.flat());
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">${escape(o.title)}</text>`,
  ];
  matrix.forEach((row, i) => {
    parts.push(`<text x="${left - 6}" y="${top + i * cell + cell / 2 + 4}" text-anchor="end">${escape(o.labels[i])}</text>`);
    row.forEach((v, j) => {
      const shade = Math.round(255 * (1 - v / max));
      const fill = `rgb(${shade},${shade},255)`;
      parts.push(`<rect x="${left + j * cell}" y="${top + i * cell}" width="${cell}" height="${cell}" fill="${fill}" stroke="#ccc"/>`);
      const colour = v / max > 0.5 ? 'white' : 'black';
      parts.push(`<text x="${left + j * cell + cell / 2}" y="${top + i * cell + cell / 2 + 4}" text-anchor="middle" fill="${colour}">${v}</text>`);
    });
  });
  o.labels.forEach((l, j) => {
    const x = left + j * cell + cell / 2;
    const y = top + n * cell + 8;
    parts.push(`<text transform="translate(${x} ${y}) rotate(45)" text-anchor="start">${escape(l)}</text>`);
  });
  parts.push(`<text x="${left + (n * cell) / 2}" y="${height - 8}" text-anchor="middle">${escape(o.columnLabel)}</text>`);
  parts.push(`<text transform="translate(14 ${top + (n * cell) / 2}) rotate(-90)" text-anchor="middle">${escape(o.rowLabel)}</text>`);
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
