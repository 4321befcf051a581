// @ts-check
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import offlineSearch from './scripts/integration.mjs';

export default defineConfig({
  site: 'https://handbook.example.local',
  trailingSlash: 'always',
  // No inline <style>: the Content-Security-Policy (BaseLayout) allows styles from 'self' only.
  build: { format: 'directory', inlineStylesheets: 'never' },
  integrations: [mdx(), offlineSearch()],
  devToolbar: { enabled: false },
});
