// The one place schemas get zod from. Zod 4 compiles object parsers with `new Function` unless
// told not to; under the site's Content-Security-Policy (no 'unsafe-eval') even its guarded probe
// is reported as a violation. The setting must be in force before the first z.object() is built,
// which ES module order guarantees: this module runs before any schema module that imports it.
import { z } from 'astro/zod';

z.config({ jitless: true });

export { z };
