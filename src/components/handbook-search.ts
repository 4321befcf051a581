// <handbook-search>: upgrades the server-rendered search form on /search/ with Pagefind.
// The query and filters live in the URL (?q=&post=&part=) so results can be bookmarked and shared.
import { t, tr } from '../i18n/zh-CN';
import { normalizeQuery } from '../domain/search-query';
import { rerank } from '../domain/search-rank';

interface PagefindResultData {
  url: string;
  excerpt: string;
  content: string;
  meta: { title?: string };
  filters: Record<string, string[]>;
  sub_results: { title: string }[];
}
interface PagefindApi {
  options(o: Record<string, unknown>): Promise<void>;
  init(): Promise<void>;
  search(
    q: string,
    o?: { filters?: Record<string, string> },
  ): Promise<{ results: { score: number; data(): Promise<PagefindResultData> }[] }>;
}

const PAGEFIND_URL = '/pagefind/pagefind.js';
const MAX_RESULTS = 20;
/** How many of Pagefind's hits are loaded to re-rank by exact match (each is one small fragment file). */
const RERANK_POOL = 40;

class HandbookSearch extends HTMLElement {
  #api?: Promise<PagefindApi>;
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
      this.#timer = setTimeout(() => void this.run(), 250);
    });
    form.addEventListener('change', () => void this.run());
    void this.run();
  }

  #pagefind(): Promise<PagefindApi> {
    this.#api ??= (async () => {
      const api = (await import(/* @vite-ignore */ PAGEFIND_URL)) as PagefindApi;
      await api.options({ excerptLength: 40 });
      await api.init();
      return api;
    })();
    return this.#api;
  }

  async run(): Promise<void> {
    const form = this.querySelector('form')!;
    const data = new FormData(form);
    const query = String(data.get('q') ?? '').trim();
    const filters: Record<string, string> = {};
    const post = String(data.get('post') ?? '');
    const part = String(data.get('part') ?? '');
    if (post) filters['岗位'] = post;
    if (part) filters['篇章'] = part;
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
      const api = await this.#pagefind();
      const normalized = normalizeQuery(query);
      const search = await api.search(normalized, { filters });
      const pool = await Promise.all(
        search.results.slice(0, RERANK_POOL).map(async (r) => {
          const d = await r.data();
          return { ...d, score: r.score, title: d.meta.title ?? '', headings: d.sub_results.map((s) => s.title) };
        }),
      );
      const results = rerank(pool, normalized).slice(0, MAX_RESULTS);
      if (seq !== this.#seq) return; // a newer query has started
      list.replaceChildren(...results.map(renderResult));
      status.textContent = results.length ? tr('search.count', { n: search.results.length }) : t['search.none'];
      this.dataset.state = 'done';
    } catch (err) {
      console.error(err);
      status.textContent = t['search.failed'];
      this.dataset.state = 'error';
    }
  }
}

function renderResult(r: PagefindResultData): HTMLLIElement {
  const li = document.createElement('li');
  const a = document.createElement('a');
  a.href = r.url;
  a.textContent = r.meta.title ?? r.url;
  const where = document.createElement('p');
  where.className = 'search-result-meta';
  where.textContent = (r.filters['篇章'] ?? []).join('、');
  const excerpt = document.createElement('p');
  // Pagefind escapes page text and adds only <mark> around matches.
  excerpt.innerHTML = r.excerpt;
  li.append(a, where, excerpt);
  return li;
}

customElements.define('handbook-search', HandbookSearch);
