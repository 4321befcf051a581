export function buildServiceWorker(outDir: string): Promise<{ count: number; size: number }>;
