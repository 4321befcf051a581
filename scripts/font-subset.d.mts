interface SubsetSizes {
  chars: number;
  stored: number;
  ttf: number;
}
export function buildReportFonts(outDir: string, cacheDir?: string): Promise<SubsetSizes & { rare: SubsetSizes }>;
export function reportCharset(): Promise<string>;
export function reportCharsets(): Promise<{ common: string; rare: string }>;
export function tongyongGuifan(): string;
export function readReportFont(outDir?: string, file?: string): Uint8Array;
export function readReportFonts(outDir?: string): { font: Uint8Array; rare: Uint8Array };
export const REPORT_FONT: { source: string; file: string; rareFile: string };
