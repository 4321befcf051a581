// A handbook page's version: the content hash a learner's read and sign-off are tied to (build time).
import { createHash } from 'node:crypto';
import { canonicalJson } from '../domain/canonical-json';

/** Changes with the text, the rules and the quiz; not with the `updated` date alone. */
export function pageVersion(page: { data: { updated?: unknown } & Record<string, unknown>; body?: string }): string {
  const { updated: _, ...data } = page.data;
  return createHash('sha256')
    .update(canonicalJson({ data, body: page.body ?? '' }))
    .digest('hex')
    .slice(0, 12);
}
