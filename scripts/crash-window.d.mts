export const BENCH_DELAYS: number[];
export function measureCrashWindow(o: {
  base: string;
  delays: number[];
  trials: number;
  onTrial?: (r: { delay: number; survived: boolean }) => void;
}): Promise<{ results: Map<number, { given: number; lost: number }>; latency: { handler: number[]; committed: number[] } }>;
export function benchCrashWindow(
  out: (name: string, value: string | number, unit: string) => void,
  dir: string,
  trials?: number,
): Promise<void>;
