// <handbook-search>: upgrades the server-rendered search form on /search/.
// Pagefind builds the index; once, on this page only, every page's fragment is loaded from the one
// corpus file written beside it at build (precached; Pagefind itself only if that fails); each query is then read and ranked in memory by the pure
// domain modules (query understanding, synonyms, fallback, answer sentence), so typing stays fast.
// The query and filters live in the URL (?q=&post=&part=) so results can be bookmarked and shared.
import { t, tr } from '../i18n/zh-CN';
import { buildLexicon, understandQuery, type Lexicon, type SynonymGroup } from '../domain/search-query';
import { toSearchDoc, vocabularyOf, type PagefindFragment, type SearchDoc } from '../domain/search-doc';
import { searchDocs, type SearchResult } from '../domain/search-rank';
import type { Answer } from '../domain/search-answer';
import { gunzip } from '../adapters/files/gunzip';

interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(q: string | null, o?: { filters?: Record<string, string> }): Promise<{ results: { data(): Promise<PagefindFragment> }[] }>;
}
interface Corpus {
  docs: SearchDoc[];
  lexicon: Lexicon;
}

const PAGEFIND_URL = '/pagefind/pagefind.js';
/** Every page's Pagefind fragment in one gzip file, written at build (scripts/pagefind.mjs). */
const CORPUS_URL = '/pagefind/corpus.json.gz';
const MAX_RESULTS = 20;
/** Typing pauses this long before a search: short, since a search takes a few milliseconds. */
const TYPING_DELAY_MS = 60;

class HandbookSearch extends HTMLElement {
  #corpus?: Promise<Corpus>;
  #seq = 0;
  #timer?: ReturnType<typeof setTimeout>;

  connectedCallback(): void {
    const form = this.querySelector('form')!;
    const params = new URLSearchParams(location.search);
    for (const name of ['q', 'post', 'part']) {
      const field = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | null;
      const value = params.get(name);
      if (field && value) field.value = value;
    }
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      void this.run();
    });
    form.addEventListener('input', () => {
      clearTimeout(this.#timer);
      this.#timer = setTimeout(() => void this.run(), TYPING_DELAY_MS);
    });
    form.addEventListener('change', () => void this.run());
    void this.run();
    // Start loading the index at once: a reader on this page is about to search.
    this.#load().catch(() => undefined);
  }

  #load(): Promise<Corpus> {
    this.#corpus ??= (async () => {
      const docs = (await fragments()).map(toSearchDoc);
      const groups = JSON.parse(this.querySelector('[data-search-synonyms]')?.textContent ?? '[]') as SynonymGroup[];
      return { docs, lexicon: buildLexicon(groups, vocabularyOf(docs)) };
    })();
    this.#corpus.catch(() => (this.#corpus = undefined)); // a failed load is retried by the next search
    return this.#corpus;
  }

  async run(): Promise<void> {
    const form = this.querySelector('form')!;
    const data = new FormData(form);
    const query = String(data.get('q') ?? '').trim();
    const post = String(data.get('post') ?? '');
    const part = String(data.get('part') ?? '');
    const url = new URL(location.href);
    url.search = new URLSearchParams(Object.entries({ q: query, post, part }).filter(([, v]) => v)).toString();
    history.replaceState(null, '', url);

    const seq = ++this.#seq;
    const status = this.querySelector<HTMLElement>('[data-status]')!;
    const list = this.querySelector<HTMLOListElement>('[data-results]')!;
    if (!query) {
      status.textContent = t['search.empty'];
      list.replaceChildren();
      this.dataset.state = 'idle';
      return;
    }
    status.textContent = t['search.loading'];
    this.dataset.state = 'loading';
    try {
      const { docs, lexicon } = await this.#load();
      if (seq !== this.#seq) return; // a newer query has started
      const pool = docs.filter((d) => (!post || d.posts.includes(post)) && (!part || d.parts.includes(part)));
      const outcome = searchDocs(understandQuery(query, lexicon), pool, MAX_RESULTS);
      list.replaceChildren(...outcome.results.map(renderResult));
      status.textContent = !outcome.results.length
        ? t['search.none']
        : outcome.allTermsMatched
          ? tr('search.count', { n: outcome.results.length })
          : t['search.closest'];
      this.dataset.state = 'done';
    } catch (err) {
      console.error(err);
      status.textContent = t['search.failed'];
      this.dataset.state = 'error';
    }
  }
}

/** Every page's fragment: from the corpus file (one request), or from Pagefind itself (a worker,
 * its wasm and a file per page) when the corpus cannot be read. */
async function fragments(): Promise<PagefindFragment[]> {
  try {
    const res = await fetch(CORPUS_URL);
    if (res.ok) return JSON.parse(new TextDecoder().decode(await gunzip(new Uint8Array(await res.arrayBuffer())))) as PagefindFragment[];
  } catch (err) {
    console.warn(err);
  }
  const api = (await import(/* @vite-ignore */ PAGEFIND_URL)) as PagefindApi;
  await api.options({ excerptLength: 30 });
  await api.init();
  const all = await api.search(null);
  return Promise.all(all.results.map((r) => r.data()));
}

const sectionUrl = (doc: SearchDoc, id: string | undefined) => (id ? `${doc.url}#${encodeURIComponent(id)}` : doc.url);

function renderResult(r: SearchResult): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  // The link goes straight to the section that answers, when there is one.
  a.href = sectionUrl(r.doc, r.section.id);
  a.textContent = r.doc.title || r.doc.url;
  const where = document.createElement('p');
  where.className = 'search-result-meta';
  where.textContent = [r.doc.parts.join('、'), r.section.id ? r.section.heading : ''].filter(Boolean).join(' › ');
  const answer = document.createElement('p');
  answer.className = 'search-answer';
  if (r.answer) appendMarked(answer, r.answer);
  else answer.textContent = r.doc.summary;
  li.append(a, where, answer);
  if (r.moreSections.length) {
    const more = document.createElement('ul');
    more.className = 'search-sections';
    for (const s of r.moreSections) {
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = sectionUrl(r.doc, s.id);
      link.textContent = s.heading;
      item.append(link);
      more.append(item);
    }
    li.append(more);
  }
  return li;
}

/** Text with its highlights as <mark>, built as nodes (page text never becomes HTML). */
function appendMarked(el: HTMLElement, answer: Answer): void {
  let at = 0;
  for (const [from, to] of answer.marks) {
    el.append(answer.text.slice(at, from));
    const mark = document.createElement('mark');
    mark.textContent = answer.text.slice(from, to);
    el.append(mark);
    at = to;
  }
  el.append(answer.text.slice(at));
}

customElements.define('handbook-search', HandbookSearch);
