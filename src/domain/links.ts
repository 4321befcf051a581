/**
 * Handbook URLs, built in one place. A reference is a page id (`part/slug`), a part id, or either
 * with an `#anchor` (checklist items cite `customer-service/front-desk-phone#来电`).
 */
export function handbookHref(ref: string, opts: { anchor?: boolean } = {}): string {
  const at = ref.indexOf('#');
  const anchor = at < 0 || opts.anchor === false ? '' : ref.slice(at);
  return `/handbook/${refPage(ref)}/${anchor}`;
}

/** The page (or part) id a reference points into, without its `#anchor`. */
export function refPage(ref: string): string {
  const at = ref.indexOf('#');
  return at < 0 ? ref : ref.slice(0, at);
}
