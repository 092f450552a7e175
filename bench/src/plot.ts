import type { PollerResult } from './polling';

export interface PlotSeries {
  name: string;
  color: string;
  points: PollerResult[];
}

const width = 720;
const height = 420;
const margin = { left: 70, right: 30, top: 40, bottom: 60 };

const escapeXml = (text: string) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** A log-log scatter of median detection delay against requests per task, one mark per poller. */
export function plotPollers(series: PlotSeries[]): string {
  const all = series.flatMap((s) => s.points);
  const xs = all.map((p) => p.requestsPerTask);
  const ys = all.map((p) => p.medianDelayMs / 1000);
  const log = Math.log10;
  const [xMin, xMax] = [log(Math.min(...xs) / 1.5), log(Math.max(...xs) * 1.5)];
  const [yMin, yMax] = [log(Math.min(...ys) / 1.5), log(Math.max(...ys) * 1.5)];
  const x = (v: number) =>
    margin.left + ((log(v) - xMin) / (xMax - xMin)) * (width - margin.left - margin.right);
  const y = (v: number) =>
    height -
    margin.bottom -
    ((log(v) - yMin) / (yMax - yMin)) * (height - margin.top - margin.bottom);
  const ticks = (min: number, max: number) =>
    [0.1, 0.2, 0.5, 1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].filter(
      (t) => log(t) >= min && log(t) <= max,
    );
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="12">`,
    '<title>Polling: median detection delay against requests per task, for each poller</title>',
    `<rect width="${width}" height="${height}" fill="white"/>`,
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Polling: detection delay against requests per task (log-log; lower left is better)</text>`,
  ];
  for (const t of ticks(xMin, xMax)) {
    parts.push(
      `<line x1="${x(t)}" x2="${x(t)}" y1="${margin.top}" y2="${height - margin.bottom}" stroke="#eee"/>`,
      `<text x="${x(t)}" y="${height - margin.bottom + 18}" text-anchor="middle">${t}</text>`,
    );
  }
  for (const t of ticks(yMin, yMax)) {
    parts.push(
      `<line x1="${margin.left}" x2="${width - margin.right}" y1="${y(t)}" y2="${y(t)}" stroke="#eee"/>`,
      `<text x="${margin.left - 8}" y="${y(t) + 4}" text-anchor="end">${t}</text>`,
    );
  }
  parts.push(
    `<text x="${width / 2}" y="${height - 18}" text-anchor="middle">requests per task</text>`,
    `<text transform="translate(18 ${height / 2}) rotate(-90)" text-anchor="middle">median detection delay (s)</text>`,
  );
  series.forEach((s, index) => {
    for (const p of s.points) {
      const cx = x(p.requestsPerTask);
      const cy = y(p.medianDelayMs / 1000);
      parts.push(
        `<circle cx="${cx}" cy="${cy}" r="5" fill="${s.color}"/>`,
        `<text x="${cx + 8}" y="${cy + (index === 0 ? -6 : 14)}" fill="${s.color}">${escapeXml(p.poller)}</text>`,
      );
    }
    parts.push(
      `<circle cx="${width - margin.right - 150}" cy="${margin.top + 12 + index * 18}" r="5" fill="${s.color}"/>`,
      `<text x="${width - margin.right - 140}" y="${margin.top + 16 + index * 18}">${escapeXml(s.name)}</text>`,
    );
  });
  parts.push('</svg>');
  return `${parts.join('\n')}\n`;
}
