export function serve(
  root: string,
  options?: { port?: number; host?: string; log?: boolean },
): Promise<{ url: string; close(): Promise<void> }>;
