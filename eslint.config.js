// ESLint (flat config): the architecture's import boundaries and the single clock, checked by a tool.
// `npm run lint` runs it with Prettier and the type check; `npm test` runs all three first.
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** Browser-side code must not pull in Node built-ins, build tools or build-time content access. */
const NODE_ONLY = [
  { group: ['node:*'], message: 'Node 内置模块只能用于 scripts/ 与构建期代码（src/lib），不能进入浏览器代码。' },
  { group: ['**/scripts/**'], message: 'scripts/ 是 Node 构建工具，不能被 src/ 的浏览器代码引用。' },
  { group: ['**/lib/*', '**/lib'], message: 'src/lib 只在构建期运行（astro:content、node:crypto），浏览器代码不能引用。' },
];

/** Impure libraries and layers that src/domain (and the schemas it shares) must never import. */
const IMPURE = [
  ...NODE_ONLY,
  { group: ['idb', 'fake-indexeddb', 'fake-indexeddb/*'], message: 'src/domain 不访问 IndexedDB：经 src/adapters/store。' },
  {
    group: ['pdf-lib', 'fontkit', 'pkijs', 'asn1js'],
    message: 'src/domain 不依赖 PDF/签名库：经 src/adapters/pdf 与 src/adapters/signing。',
  },
  { group: ['workbox-*', 'playwright-core'], message: 'src/domain 不依赖浏览器运行时库。' },
  { group: ['astro:*', 'astro/*', '!astro/zod'], message: 'src/domain 只可使用 astro/zod，不依赖 Astro 运行时。' },
  { group: ['**/adapters/**', '**/components/**', '**/pages/**', '**/layouts/**'], message: 'src/domain 是纯逻辑：不引用适配器与组件。' },
];

/** Globals that mean DOM, storage, network, randomness or the clock. */
const IMPURE_GLOBALS = [
  'window',
  'document',
  'self',
  'navigator',
  'location',
  'history',
  'localStorage',
  'sessionStorage',
  'indexedDB',
  'caches',
  'fetch',
  'crypto',
  'performance',
  'customElements',
  'requestAnimationFrame',
  'setTimeout',
  'setInterval',
  'HTMLElement',
  'Element',
  'Event',
  'CustomEvent',
  'FileReader',
].map((name) => ({ name, message: `src/domain 是纯逻辑：不使用 ${name}（由适配器或调用方传入）。` }));

const CLOCK_SYNTAX = [
  {
    selector: "NewExpression[callee.name='Date'][arguments.length=0]",
    message: '时钟只在 src/adapters/clock.ts 中读取（用 now() / nowIso() / today()）。',
  },
];
const CLOCK_PROPERTIES = [
  { object: 'Date', property: 'now', message: '时钟只在 src/adapters/clock.ts 中读取（用 nowMs()）。' },
  { object: 'performance', property: 'now', message: '时钟只在 src/adapters/clock.ts 中读取。' },
];

const DB_MESSAGE = '组件不直接打开数据库：经 src/adapters/store 的门面（appStores()）。';

export default tseslint.config(
  { ignores: ['dist/', '.cache/', 'node_modules/', '.astro/', 'public/', 'assets/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module' },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', ignoreRestSiblings: true }],
      // Flags the last `f[i++]` of a sequential DER/array walk; the pattern is clearer than the workaround.
      'no-useless-assignment': 'off',
      // Chinese text uses full-width spaces on purpose; only code whitespace is checked.
      'no-irregular-whitespace': ['error', { skipStrings: true, skipTemplates: true, skipComments: true, skipRegExps: true }],
    },
  },
  // Node: build tools, tests, configs.
  {
    files: ['scripts/**', 'tests/**', '*.config.{js,mjs,ts}', 'astro.config.mjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  // Browser code: everything in src/ but what runs only at build time (src/lib, the endpoints in src/pages, content.config.ts).
  {
    files: ['src/**/*.{ts,mjs,js}'],
    ignores: ['src/lib/**', 'src/pages/**', 'src/content.config.ts'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: NODE_ONLY }],
      'no-restricted-syntax': ['error', ...CLOCK_SYNTAX],
      'no-restricted-properties': ['error', ...CLOCK_PROPERTIES],
    },
  },
  // The one place that reads the clock.
  {
    files: ['src/adapters/clock.ts'],
    rules: { 'no-restricted-syntax': 'off', 'no-restricted-properties': 'off' },
  },
  // Pure domain logic and the schemas it shares with the build.
  {
    files: ['src/domain/**', 'src/schemas/**'],
    languageOptions: { globals: {} },
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: IMPURE }],
      'no-restricted-globals': ['error', ...IMPURE_GLOBALS],
      'no-restricted-properties': [
        'error',
        ...CLOCK_PROPERTIES,
        { object: 'Math', property: 'random', message: 'src/domain 不使用随机数：种子由调用方传入（domain/random.ts）。' },
      ],
    },
  },
  // Components reach IndexedDB only through the store facades in src/adapters/store/.
  {
    files: ['src/components/**'],
    rules: {
      'no-restricted-globals': ['error', { name: 'indexedDB', message: DB_MESSAGE }],
      'no-restricted-syntax': [
        'error',
        ...CLOCK_SYNTAX,
        { selector: 'ImportExpression[source.value=/adapters\\u002Fstore\\u002Fdb$/]', message: DB_MESSAGE },
      ],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            ...NODE_ONLY,
            { group: ['idb'], message: DB_MESSAGE },
            { group: ['**/adapters/store/db'], allowTypeImports: true, message: DB_MESSAGE },
          ],
        },
      ],
    },
  },
);
