/**
 * Small SVG charts for the monthly report: they print crisply and need no library. Each returns
 * SVG markup; all text is escaped. Values are tenths (scores) or counts.
 */
import { formatTenths } from './tenths';

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** Horizontal bars, e.g. mean score per line or project (values in tenths, 0–1000). */
export function barChart(
  title: string,
  bars: { label: string; value: number | null }[],
  max = 1000,
  passLine?: number,
  format: (value: number) => string = formatTenths,
): string {
  const rowH = 26;
  const labelW = 110;
  const w = 520;
  const chartW = w - labelW - 60;
  const h = bars.length * rowH + 30;
  const rows = bars
    .map((b, i) => {
      const y = 24 + i * rowH;
      const bw = b.value === null ? 0 : Math.round((b.value / max) * chartW);
      const color = b.value !== null && passLine !== undefined && b.value < passLine ? '#b42318' : '#0f5c4d';
      return `<text x="${labelW - 6}" y="${y + 14}" text-anchor="end" font-size="12">${escapeXml(b.label)}</text><rect x="${labelW}" y="${y + 2}" width="${bw}" height="16" fill="${color}"/><text x="${labelW + bw + 6}" y="${y + 15}" font-size="12">${b.value === null ? '—' : format(b.value)}</text>`;
    })
    .join('');
  const pass =
    passLine === undefined
      ? ''
      : `<line x1="${labelW + (passLine / max) * chartW}" y1="20" x2="${labelW + (passLine / max) * chartW}" y2="${h - 4}" stroke="#8a1c12" stroke-dasharray="4 3"/>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><text x="0" y="14" font-size="13" font-weight="700">${escapeXml(title)}</text>${rows}${pass}</svg>`;
}

/** A line over months (values in tenths; null months leave a gap). */
export function lineChart(title: string, points: { label: string; value: number | null }[], max = 1000): string {
  const w = 520;
  const h = 200;
  const left = 40;
  const top = 26;
  const plotW = w - left - 20;
  const plotH = h - top - 34;
  const x = (i: number) => left + (points.length === 1 ? plotW / 2 : (i * plotW) / (points.length - 1));
  const y = (v: number) => top + plotH - (v / max) * plotH;
  const grid = [0, 250, 500, 750, 1000]
    .map(
      (g) =>
        `<line x1="${left}" y1="${y(g)}" x2="${left + plotW}" y2="${y(g)}" stroke="#d4dcdb"/><text x="${left - 6}" y="${y(g) + 4}" text-anchor="end" font-size="10">${g / 10}</text>`,
    )
    .join('');
  let path = '';
  points.forEach((p, i) => {
    if (p.value === null) return;
    const prev = points[i - 1];
    path += `${path && prev && prev.value !== null ? 'L' : 'M'}${x(i).toFixed(1)} ${y(p.value).toFixed(1)} `;
  });
  const dots = points
    .map((p, i) =>
      p.value === null
        ? ''
        : `<circle cx="${x(i).toFixed(1)}" cy="${y(p.value).toFixed(1)}" r="3.5" fill="#0f5c4d"/><text x="${x(i).toFixed(1)}" y="${(y(p.value) - 8).toFixed(1)}" text-anchor="middle" font-size="10">${formatTenths(p.value)}</text>`,
    )
    .join('');
  const labels = points
    .map((p, i) => `<text x="${x(i).toFixed(1)}" y="${h - 12}" text-anchor="middle" font-size="11">${escapeXml(p.label)}</text>`)
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${w} ${h}" role="img" aria-label="${escapeXml(title)}"><title>${escapeXml(title)}</title><text x="0" y="14" font-size="13" font-weight="700">${escapeXml(title)}</text>${grid}<path d="${path.trim()}" fill="none" stroke="#0f5c4d" stroke-width="2"/>${dots}${labels}</svg>`;
}
