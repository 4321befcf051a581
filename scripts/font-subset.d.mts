export function buildReportFonts(outDir: string, cacheDir?: string): Promise<{ chars: number; stored: number; ttf: number }>;
export function reportCharset(): Promise<string>;
export function tongyongGuifan(): string;
export function readReportFont(outDir?: string): Uint8Array;
export const REPORT_FONT: { source: string; file: string };
