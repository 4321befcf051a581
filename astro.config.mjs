// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import offlineSearch from './scripts/integration.mjs';

export default defineConfig({
  site: 'https://handbook.example.local',
  trailingSlash: 'always',
  build: { format: 'directory' },
  integrations: [mdx(), offlineSearch()],
  devToolbar: { enabled: false },
});
