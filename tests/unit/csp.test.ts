// One policy everywhere: the <meta> on every page, the sample server's headers and the README's
// deploy notes; and zod is only ever taken from src/schemas/zod.ts, which makes it jitless.
import { describe, expect, it } from 'vitest';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CSP, SECURITY_HEADERS } from '../../scripts/csp.mjs';

describe('security headers', () => {
  it('forbid inline script, eval and plugins, allowing only wasm compilation for search', () => {
    const directives = new Map(CSP.split('; ').map((d) => [d.split(' ')[0]!, d.split(' ').slice(1)] as const));
    expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(CSP).not.toMatch(/unsafe-inline|'unsafe-eval'/);
    // Wildcards only for ports of this machine, where the local CouchDB trial server runs.
    expect(CSP.replace(/http:\/\/(localhost|127\.0\.0\.1):\*/g, '')).not.toMatch(/\*/);
    expect(directives.get('connect-src')).toEqual(["'self'", 'https:', 'http://localhost:*', 'http://127.0.0.1:*']);
    expect(SECURITY_HEADERS['content-security-policy'].startsWith(`${CSP}; `)).toBe(true);
  });

  it('are the ones the README tells a host to send, for every kind of host it names', () => {
    const readme = readFileSync('README.md', 'utf8');
    const policy = SECURITY_HEADERS['content-security-policy'];
    expect(readme).toContain(`Content-Security-Policy: ${policy}\n`);
    expect(readme).toContain(`add_header Content-Security-Policy "${policy}" always;`);
    expect(readme).toContain(`  Content-Security-Policy: ${policy}\n`);
    expect(readme).toContain(`X-Content-Type-Options: ${SECURITY_HEADERS['x-content-type-options']}`);
    expect(readme).toContain(`Referrer-Policy: ${SECURITY_HEADERS['referrer-policy']}`);
  });
});

describe('zod runs jitless', () => {
  const files = (readdirSync('src', { recursive: true }) as string[])
    .map((f) => path.join('src', f))
    .filter((f) => /\.(ts|astro)$/.test(f));
  it('is imported at run time only through src/schemas/zod.ts', () => {
    const offenders = files.filter(
      (f) => f !== path.join('src', 'schemas', 'zod.ts') && /^import (?!type )[^;]*from '(astro\/zod|zod)'/m.test(readFileSync(f, 'utf8')),
    );
    expect(offenders).toEqual([]);
  });
  it('builds object schemas without generated code', async () => {
    const { z } = await import('../../src/schemas/zod');
    const seen: string[] = [];
    const original = globalThis.Function;
    globalThis.Function = new Proxy(original, {
      construct(target, args) {
        seen.push(String(args.at(-1)).slice(0, 40));
        return Reflect.construct(target, args) as object;
      },
    });
    try {
      const schema = z.object({ a: z.string(), b: z.number() });
      expect(schema.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
      expect(schema.safeParse({ a: 1 }).success).toBe(false);
    } finally {
      globalThis.Function = original;
    }
    expect(seen).toEqual([]);
  });
});
