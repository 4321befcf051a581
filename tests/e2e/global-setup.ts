// Serves the production build (dist/) for the browser tests. `npm test` builds first.
import { existsSync } from 'node:fs';
import type { TestProject } from 'vitest/node';
import { serve } from '../../scripts/serve.mjs';

export default async function setup(project: TestProject) {
  if (!existsSync('dist/index.html')) throw new Error('dist/ 不存在：请先运行 npm run build（npm test 会自动构建）。');
  const server = await serve('dist', { port: 0 });
  project.provide('baseUrl', server.url);
  return async () => server.close();
}

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}
