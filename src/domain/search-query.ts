/**
 * Query understanding: turns what a reader types ("保安换班要交接什么") into content terms, each with
 * the words the handbook may use for it (保安 → 安防 / 门岗…, 换班 → 交接班…). Question framing
 * ("怎么办", "第一步做什么", "能不能") names no procedure, so it is dropped, but it tells what kind of
 * answer is wanted (a time, a number, a first step), which picks the sentence shown first.
 */
import { normalizeNumbers, numberSpellings, UNITS } from './search-numbers';

/** Question words of the first version, kept as they were (normalizeQuery). */
const QUESTION_WORDS = [
  '怎么办',
  '怎么样',
  '怎么',
  '怎样',
  '如何',
  '为什么',
  '什么',
  '多久',
  '多长时间',
  '多少',
  '几天',
  '几个',
  '哪些',
  '哪里',
  '哪个',
  '是否',
  '可不可以',
  '可以吗',
  '能不能',
  '要不要',
  '需要',
  '应该',
  '请问',
  '吗',
  '呢',
  '吧',
  '？',
  '?',
];

/** Spoken framing around a question: removed before the content words are read. */
const FRAMING = [
  ...QUESTION_WORDS,
  '第一步做什么',
  '第一步干什么',
  '先做什么',
  '要注意什么',
  '注意什么',
  '要注意哪些',
  '做什么',
  '干什么',
  '怎么弄',
  '怎么搞',
  '怎么做',
  '怎么说',
  '怎么跟',
  '什么时候',
  '几点',
  '几次',
  '几小时',
  '几个小时',
  '几分钟',
  '几声',
  '几下',
  '几',
  '多长',
  '多远',
  '哪儿',
  '能否',
  '行不行',
  '好不好',
  '对不对',
  '有没有',
  '需不需要',
  '该不该',
  '是不是',
  '可以',
  '让不让',
  '啊',
  '呀',
  '嘛',
  '了吗',
  '！',
  '!',
  '，',
  ',',
  '。',
  '、',
  '；',
  '：',
];

/** Function words left after segmentation that carry no content. */
const STOPWORDS = new Set(
  (
    '的 了 在 我 你 他 她 它 我们 你们 他们 咱们 人家 要 把 被 给 跟 和 与 及 或 就 都 也 还 又 再 是 个 这 那 这个 那个 这次 ' +
    '这种 那种 一下 时候 的时候 以后 之后 之前 之内 以内 内 里 里面 上 下 中 能 会 得 地 着 过 让 叫 去 来 说 想 先 到 对 用 ' +
    '一个 有点 东西 事 事情 情况 一般 平时 现在 如果 要是 但是 可是 还是 然后 那么 这么 呢 吗 吧 啊 呀 嘛 哦 嗯'
  ).split(' '),
);

/** Word kinds of answer a question asks for. */
export type Asks = 'time' | 'number' | 'steps' | 'yesno' | 'how';

const ASKS: [Asks, RegExp][] = [
  ['time', /几点|什么时候|哪个时间|时段/],
  ['number', /多久|多长时间|多长|几天|几次|几小时|几个小时|几分钟|几声|几下|多少|几/],
  ['steps', /第一步|先做什么|步骤|流程|顺序/],
  ['yesno', /吗|能不能|可不可以|要不要|能否|是否|行不行|让不让|有没有|需不需要|是不是|该不该/],
  ['how', /怎么|怎样|如何/],
];

export interface TermAlternative {
  /** Compact (no spaces) and lower-case, as matched against compact page text. */
  text: string;
  /** 1 for what was typed, less for a synonym or a piece. */
  weight: number;
}
export interface QueryTerm {
  text: string;
  alternatives: TermAlternative[];
}
export interface QueryPlan {
  /** The typed query, trimmed. */
  input: string;
  terms: QueryTerm[];
  asks: Asks[];
}

/** A synonym group: words the handbook and its readers use for one thing (content/search-synonyms.yaml). */
export interface SynonymGroup {
  id: string;
  terms: string[];
}

export interface Lexicon {
  /** Known words, longest first: matched whole before the rest is segmented. */
  words: string[];
  synonyms: Map<string, string[]>;
}

const SYNONYM_WEIGHT = 0.9;
const RUN_WEIGHT = 0.6;

export const compact = (s: string) => s.replace(/[\s\u200b]+/g, '').toLowerCase();

/**
 * Builds the lexicon from the synonym table and the handbook's own vocabulary (keywords, short
 * headings). A word in two synonym groups would make the table ambiguous: that is an error.
 */
export function buildLexicon(groups: readonly SynonymGroup[], vocabulary: readonly string[] = []): Lexicon {
  const synonyms = new Map<string, string[]>();
  const owner = new Map<string, string>();
  for (const group of groups) {
    const terms = [...new Set(group.terms.map(compact))];
    for (const term of terms) {
      const other = owner.get(term);
      if (other && other !== group.id) throw new Error(`同义词表中「${term}」同时出现在「${other}」和「${group.id}」两组`);
      owner.set(term, group.id);
      synonyms.set(term, terms);
    }
  }
  const words = new Set([...synonyms.keys()]);
  for (const w of vocabulary) {
    const c = compact(w);
    if (c.length >= 2 && c.length <= 8 && !/[，。、；：（）()“”"'《》·\-—/|]/.test(c)) words.add(c);
  }
  return { words: [...words].sort((a, b) => b.length - a.length || a.localeCompare(b)), synonyms };
}

/** Pieces of a text as the browser's word segmenter cuts it. */
export type Segment = (text: string) => string[];

export const defaultSegment: Segment = (() => {
  const segmenter = typeof Intl !== 'undefined' && 'Segmenter' in Intl ? new Intl.Segmenter('zh-CN', { granularity: 'word' }) : undefined;
  return (text: string) => (segmenter ? [...segmenter.segment(text)].filter((s) => s.isWordLike).map((s) => s.segment) : text.split(/\s+/));
})();

/** Removes the first version's question words (kept for callers that want a cleaned string). */
export function normalizeQuery(input: string): string {
  const trimmed = input.trim().replace(/\s+/g, ' ');
  const stripped = trimmed.replace(framingPattern(QUESTION_WORDS), ' ').replace(/\s+/g, ' ').trim();
  // A query made only of question words keeps its original text rather than becoming empty.
  return stripped || trimmed;
}

function framingPattern(words: readonly string[]): RegExp {
  return new RegExp(
    [...new Set(words)]
      .sort((a, b) => b.length - a.length)
      .map((w) => w.replace(/[?!,]/g, '\\$&'))
      .join('|'),
    'g',
  );
}
const FRAMING_RE = framingPattern(FRAMING);
const NUMBER_RE = new RegExp(`^\\d+(?:[.:]\\d+)?(?:${UNITS.join('|')})?`);

/** What the reader asks for, in content terms with their alternatives. */
export function understandQuery(input: string, lexicon: Lexicon, segment: Segment = defaultSegment): QueryPlan {
  const trimmed = input.trim().replace(/\s+/g, ' ');
  const asks = ASKS.filter(([, re]) => re.test(trimmed)).map(([a]) => a);
  const texts: { text: string; weight: number }[] = [];
  for (const chunk of protectWords(trimmed.toLowerCase(), lexicon)) {
    if (chunk.word) {
      texts.push({ text: chunk.text, weight: 1 });
      continue;
    }
    const rest = normalizeNumbers(chunk.text).replace(FRAMING_RE, ' ');
    for (const piece of rest.split(/\s+/).filter(Boolean)) texts.push(...readPiece(piece, lexicon, segment));
  }
  // A query made only of framing ("怎么办") is searched as typed rather than not at all.
  if (texts.length === 0 && compact(trimmed)) texts.push({ text: compact(trimmed), weight: 1 });
  const seen = new Set<string>();
  const terms: QueryTerm[] = [];
  for (const { text, weight } of texts) {
    if (seen.has(text)) continue;
    seen.add(text);
    terms.push({ text, alternatives: alternativesOf(text, lexicon, weight) });
  }
  return { input: trimmed, terms, asks };
}

/** Splits text into lexicon words (matched longest first, left to right) and the rest. */
function protectWords(text: string, lexicon: Lexicon): { text: string; word: boolean }[] {
  const out: { text: string; word: boolean }[] = [];
  const s = compactKeepSpaces(text);
  let rest = '';
  let i = 0;
  while (i < s.length) {
    const word = s[i] === ' ' ? undefined : lexicon.words.find((w) => s.startsWith(w, i));
    if (word) {
      if (rest) out.push({ text: rest, word: false });
      rest = '';
      out.push({ text: word, word: true });
      i += word.length;
    } else {
      rest += s[i];
      i++;
    }
  }
  if (rest) out.push({ text: rest, word: false });
  return out;
}

const compactKeepSpaces = (s: string) => s.replace(/\s+/g, ' ');

/** A piece without known words: numbers with their unit stay whole, the rest is segmented. */
function readPiece(piece: string, _lexicon: Lexicon, segment: Segment): { text: string; weight: number }[] {
  const out: { text: string; weight: number }[] = [];
  let rest = piece;
  while (rest) {
    const number = NUMBER_RE.exec(rest);
    if (number) {
      out.push({ text: number[0], weight: 1 });
      rest = rest.slice(number[0].length);
      continue;
    }
    const next = rest.search(/\d/);
    const text = next === -1 ? rest : rest.slice(0, next);
    rest = next === -1 ? '' : rest.slice(next);
    // Runs of single characters are read as one word ("接听" segments as 接 + 听); a word no page
    // holds falls back to its pieces when ranking.
    let run = '';
    const flush = () => {
      // A joined run is a guess at a word: it counts less than a word the segmenter or lexicon knows.
      if (run) out.push({ text: run, weight: [...run].length > 1 ? RUN_WEIGHT : 1 });
      run = '';
    };
    for (const word of segment(text)) {
      const w = compact(word);
      if (!w || STOPWORDS.has(w) || /^[\p{P}\p{S}]+$/u.test(w)) {
        flush();
      } else if ([...w].length === 1) {
        run += w;
      } else {
        flush();
        out.push({ text: w, weight: 1 });
      }
    }
    flush();
  }
  return out;
}

function alternativesOf(text: string, lexicon: Lexicon, weight: number): TermAlternative[] {
  const spellings = /^\d/.test(text) ? numberSpellings(text) : [text];
  const alternatives: TermAlternative[] = spellings.map((s) => ({ text: s, weight }));
  for (const synonym of lexicon.synonyms.get(text) ?? []) {
    if (!alternatives.some((a) => a.text === synonym)) alternatives.push({ text: synonym, weight: SYNONYM_WEIGHT });
  }
  return alternatives;
}
