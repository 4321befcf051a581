// All checklist templates, resolved and versioned, as one JSON file: read by the command-line
// sample-report generator and available offline to the app.
import type { APIRoute } from 'astro';
import { allTemplates } from '../lib/checklists';

export const GET: APIRoute = async () =>
  new Response(JSON.stringify(await allTemplates()), { headers: { 'content-type': 'application/json; charset=utf-8' } });
