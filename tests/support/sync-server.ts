// Browser-test helpers for the sync suites (issue 19): setting a device up on /sync/ as its user
// does, waiting for its status line, and acting as someone with access to the server would
// (documents written straight into a database, a signed PDF with one byte changed).
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { SYNC_ATTACHMENT } from '../../src/domain/sync-doc';

export interface DeviceSetup {
  base: string;
  url: string;
  role: 'tablet' | 'manager';
  /** The 项目 field: `名称 代码` a line. */
  projects: string;
  username: string;
  password: string;
}

export async function configureSync(page: Page, c: DeviceSetup): Promise<void> {
  await page.goto(`${c.base}/sync/`);
  await page.locator('sync-settings[data-state="ready"]').waitFor();
  await page.locator(`[name="role"][value="${c.role}"]`).check();
  await page.getByLabel('服务器地址').fill(c.url);
  await page.getByLabel(/^项目/).fill(c.projects);
  await page.getByLabel('用户名').fill(c.username);
  await page.getByLabel('密码', { exact: true }).fill(c.password);
  await page.getByRole('button', { name: '保存并开始同步' }).tap();
  await page.locator('[data-sync-message]', { hasText: '已保存' }).waitFor();
}

/** Waits for the status line to read `text` (and the state, if given); says what it read instead. */
export async function waitSyncStatus(page: Page, text: string, opts: { state?: string; prefix?: boolean; timeout: number }): Promise<void> {
  const sel = `sync-status[data-line${opts.prefix ? '^' : ''}="${text}"]${opts.state ? `[data-state="${opts.state}"]` : ''}`;
  try {
    await page.locator(sel).waitFor({ timeout: opts.timeout });
  } catch (e) {
    const now = await page
      .locator('sync-status')
      .first()
      .evaluate((el) => `${el.textContent?.replace(/\s+/g, ' ')} [${(el as HTMLElement).dataset.state}]`);
    throw new Error(`${(e as Error).message.split('\n')[0]}; status: ${now}`, { cause: e });
  }
}

/** What the administrator sets up on the server (README): CouchDB users with roles, and each database's `_security`. */
export interface CouchSetup {
  users: Record<string, { password: string; roles: string[] }>;
  databases: { name: string; members: string[]; admins?: string[] }[];
}

/** Creates the users and databases of `setup` on the (admin-party) local server at `url`. */
export async function provisionCouch(url: string, setup: CouchSetup): Promise<void> {
  const put = async (route: string, body: object | undefined, want: number) => {
    const r = await fetch(`${url}${route}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: body && JSON.stringify(body),
    });
    expect(r.status, `PUT ${route}`).toBe(want);
  };
  for (const [name, u] of Object.entries(setup.users))
    await put(`/_users/org.couchdb.user:${name}`, { name, password: u.password, roles: u.roles, type: 'user' }, 201);
  for (const d of setup.databases) {
    await put(`/${d.name}`, undefined, 201);
    await put(`/${d.name}/_security`, { admins: { names: [], roles: d.admins ?? [] }, members: { names: [], roles: d.members } }, 200);
  }
}

/** A document written straight into database `db` of the server at `url`, as an attacker with server access would. */
export async function plantDoc(url: string, db: string, fields: object, pdf: Uint8Array): Promise<void> {
  const body = {
    ...fields,
    _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', data: Buffer.from(pdf).toString('base64') } },
  };
  const r = await fetch(`${url}/${db}/${(fields as { _id: string })._id}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(r.status).toBe(201);
}

/** A copy of a signed PDF with one byte inside the signed range changed. */
export function tamperPdf(bytes: Uint8Array): Buffer {
  const copy = Buffer.from(bytes);
  const [, start] = /\/ByteRange \[0 (\d+)/.exec(copy.toString('latin1'))!;
  copy[Math.floor(Number(start) / 2)]! ^= 1;
  return copy;
}
