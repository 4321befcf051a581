export function buildReportFonts(outDir: string, cacheDir?: string): Promise<{ chars: number; sizes: Record<string, number> }>;
export function reportCharset(): Promise<string>;
