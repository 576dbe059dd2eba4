/**
 * Two small hand-written SVG charts for experiment reports (no plotting dependency): grouped bars with
 * error whiskers, and small multiples of line series. Plain text output, stable for a given input.
 */

export interface Series {
  readonly name: string;
  readonly color: string;
}

export interface BarGroup {
  readonly label: string;
  /** One value per series; null = not measured (no bar). */
  readonly values: readonly (number | null)[];
  /** Half-width of the whisker per series (e.g. the seed spread); null = none. */
  readonly errors: readonly (number | null)[];
}

export interface BarPanel {
  readonly title: string;
  readonly groups: readonly BarGroup[];
}

export interface LinePanel {
  readonly title: string;
  /** Per series: (x, y) points in x order (may be empty). */
  readonly lines: readonly (readonly (readonly [number, number])[])[];
}

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const f = (v: number): string => (Math.round(v * 10) / 10).toString();

function legend(series: readonly Series[], x: number, y: number): string {
  return series
    .map((s, i) => `<rect x="${x + i * 150}" y="${y - 9}" width="10" height="10" fill="${s.color}"/><text x="${x + i * 150 + 14}" y="${y}">${esc(s.name)}</text>`)
    .join('');
}

/** Panels of grouped bars on a shared 0..yMax axis, stacked vertically. */
export function barChartSvg(o: { title: string; series: readonly Series[]; panels: readonly BarPanel[]; yMax?: number }): string {
  const width = 960;
  const panelHeight = 240;
  const left = 50;
  const top = 50;
  const yMax = o.yMax ?? 1;
  const parts: string[] = [];
  o.panels.forEach((panel, p) => {
    const y0 = top + p * (panelHeight + 40);
    const plotH = panelHeight - 40;
    const base = y0 + plotH;
    const groupW = (width - left - 10) / Math.max(1, panel.groups.length);
    const barW = (groupW - 12) / Math.max(1, o.series.length);
    const scale = (v: number): number => (Math.max(0, Math.min(v, yMax)) / yMax) * plotH;
    parts.push(`<text x="${left}" y="${y0 - 6}" font-weight="bold">${esc(panel.title)}</text>`);
    for (let k = 0; k <= 4; k++) {
      const v = (yMax * k) / 4;
      const y = base - scale(v);
      parts.push(`<line x1="${left}" x2="${width - 10}" y1="${f(y)}" y2="${f(y)}" stroke="#ddd"/><text x="${left - 6}" y="${f(y + 4)}" text-anchor="end">${v.toFixed(2)}</text>`);
    }
    panel.groups.forEach((group, gi) => {
      const gx = left + gi * groupW + 6;
      group.values.forEach((v, si) => {
        if (v === null) return;
        const x = gx + si * barW;
        const h = scale(v);
        parts.push(`<rect x="${f(x)}" y="${f(base - h)}" width="${f(barW - 2)}" height="${f(h)}" fill="${o.series[si]?.color ?? '#888'}"><title>${esc(`${group.label} ${o.series[si]?.name ?? ''}: ${v.toFixed(3)}`)}</title></rect>`);
        const e = group.errors[si];
        if (e !== null && e !== undefined && e > 0) {
          const cx = x + (barW - 2) / 2;
          parts.push(`<line x1="${f(cx)}" x2="${f(cx)}" y1="${f(base - scale(v + e))}" y2="${f(base - scale(v - e))}" stroke="#222"/>`);
        }
      });
      parts.push(`<text x="${f(gx + (groupW - 12) / 2)}" y="${f(base + 16)}" text-anchor="middle">${esc(group.label)}</text>`);
    });
  });
  const height = top + o.panels.length * (panelHeight + 40);
  return svg(width, height, o.title, legend(o.series, left + 300, 20), parts);
}

/**
 * A grid of line panels (e.g. one per domain) on one shared x range and a 0..yMax axis; every point also
 * gets a dot, so a series seen at a single step still shows.
 */
export function linePanelsSvg(o: { title: string; series: readonly Series[]; panels: readonly LinePanel[]; columns?: number; yMax?: number; xLabel: string }): string {
  const columns = o.columns ?? 3;
  const cellW = 310;
  const cellH = 190;
  const top = 50;
  const yMax = o.yMax ?? 1;
  const parts: string[] = [];
  const xs = o.panels.flatMap((p) => p.lines.flatMap((l) => l.map(([x]) => x)));
  const xMin = xs.length ? Math.min(...xs) : 0;
  const xMax = xs.length ? Math.max(...xs) : 1;
  o.panels.forEach((panel, i) => {
    const cx = 10 + (i % columns) * cellW + 40;
    const cy = top + Math.floor(i / columns) * cellH;
    const w = cellW - 60;
    const h = cellH - 55;
    const px = (x: number): number => cx + (xMax === xMin ? w / 2 : ((x - xMin) / (xMax - xMin)) * w);
    const py = (y: number): number => cy + 10 + h - (Math.max(0, Math.min(y, yMax)) / yMax) * h;
    parts.push(`<text x="${cx}" y="${cy + 4}" font-weight="bold">${esc(panel.title)}</text>`);
    parts.push(`<rect x="${cx}" y="${cy + 10}" width="${w}" height="${h}" fill="none" stroke="#bbb"/>`);
    parts.push(`<text x="${cx - 4}" y="${f(py(yMax) + 4)}" text-anchor="end">${yMax.toFixed(1)}</text><text x="${cx - 4}" y="${f(py(0) + 4)}" text-anchor="end">0</text>`);
    parts.push(`<text x="${cx}" y="${f(cy + h + 26)}">${xMin}</text><text x="${cx + w}" y="${f(cy + h + 26)}" text-anchor="end">${xMax} ${esc(o.xLabel)}</text>`);
    panel.lines.forEach((points, si) => {
      if (points.length === 0) return;
      const d = points.map(([x, y]) => `${f(px(x))},${f(py(y))}`).join(' ');
      const color = o.series[si]?.color ?? '#888';
      parts.push(`<polyline points="${d}" fill="none" stroke="${color}" stroke-width="1.5"/>`);
      for (const [x, y] of points) parts.push(`<circle cx="${f(px(x))}" cy="${f(py(y))}" r="2" fill="${color}"/>`);
    });
  });
  const rows = Math.ceil(o.panels.length / columns);
  return svg(columns * cellW + 20, top + rows * cellH, o.title, legend(o.series, 20, 38), parts);
}

function svg(width: number, height: number, title: string, legendSvg: string, parts: readonly string[]): string {
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">`,
    `<rect width="100%" height="100%" fill="white"/>`,
    `<text x="10" y="16" font-size="13" font-weight="bold">${esc(title)}</text>`,
    legendSvg,
    ...parts,
    '</svg>',
    '',
  ].join('\n');
}
