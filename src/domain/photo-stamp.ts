/**
 * The visible stamp burnt into every evidence photo (as the 水印相机 habit expects): time,
 * project and area, item, inspector, in a dark band at the bottom-left. Text and geometry only;
 * the canvas adapter draws it.
 */
export interface StampFacts {
  /** Local ISO time the photo was taken. */
  takenAt: string;
  project: string;
  area: string;
  /** "前台 · 接听电话" */
  item: string;
  inspector: string;
}

const clip = (s: string, n: number) => ([...s].length > n ? `${[...s].slice(0, n - 1).join('')}…` : s);

export function stampLines(f: StampFacts): string[] {
  return [
    f.takenAt.slice(0, 19).replace('T', ' '),
    clip(`${f.project} · ${f.area}`, 28),
    clip(f.item, 28),
    clip(`检查人：${f.inspector}`, 28),
  ];
}

export interface StampLayout {
  fontSize: number;
  lineHeight: number;
  padding: number;
  /** The band behind the text. */
  box: { x: number; y: number; w: number; h: number };
  /** Baseline of each line. */
  lines: { text: string; x: number; y: number }[];
}

/**
 * Sized to the photo (font ≈ 1/32 of the shorter side, at least 12 px) so it stays legible in the
 * report at any resolution; the band is as wide as the longest line needs (measured by the caller).
 */
export function stampLayout(
  width: number,
  height: number,
  lines: readonly string[],
  measure: (text: string, size: number) => number,
): StampLayout {
  const fontSize = Math.max(12, Math.round(Math.min(width, height) / 32));
  const lineHeight = Math.round(fontSize * 1.35);
  const padding = Math.round(fontSize * 0.6);
  const textW = Math.max(...lines.map((l) => measure(l, fontSize)));
  const w = Math.min(width, Math.ceil(textW + 2 * padding));
  const h = Math.min(height, lines.length * lineHeight + 2 * padding);
  const y = height - h;
  return {
    fontSize,
    lineHeight,
    padding,
    box: { x: 0, y, w, h },
    lines: lines.map((text, i) => ({ text, x: padding, y: y + padding + (i + 1) * lineHeight - Math.round(fontSize * 0.3) })),
  };
}

/** The first 8 hex digits of a photo's SHA-256, as printed under it in the report. */
export function shortHash(sha256: string): string {
  return sha256.slice(0, 8);
}
