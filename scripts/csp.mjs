// @ts-check
// The site's security headers, one definition for the <meta> on every page (BaseLayout), the
// sample server (serve.mjs) and the README's deploy notes (tests/unit/csp.test.ts keeps the
// README equal). 'wasm-unsafe-eval' is for Pagefind's WebAssembly search; nothing else is relaxed:
// no inline scripts, styles or handlers anywhere (astro.config.mjs: inlineStylesheets 'never';
// zod runs jitless, src/schemas/zod.ts).
// connect-src: the optional CouchDB collection (issue 19) talks to a server the administrator
// configures on the device, so any HTTPS origin may be reached, and plain HTTP only on this
// machine (the local trial server); a host that knows its CouchDB origin can narrow it in the header.
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; object-src 'none'; base-uri 'self'; " +
  "form-action 'self'; img-src 'self' blob: data:; worker-src 'self'; " +
  "connect-src 'self' https: http://localhost:* http://127.0.0.1:*";

/** What a static host should send with every response. frame-ancestors works only as a header ('self': the filling
 * screen shows handbook pages in a frame). */
export const SECURITY_HEADERS = {
  'content-security-policy': `${CSP}; frame-ancestors 'self'`,
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
};
