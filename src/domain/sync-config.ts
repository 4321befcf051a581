/**
 * Checking a device's sync configuration (issue 19) before anything is saved: a bad field gets a
 * Chinese message and changes nothing. The URL must be plain http(s) without credentials in it,
 * so a password never ends up in a log line, a shared link or the replication checkpoint ids.
 */
import { syncConfigSchema, type SyncConfig } from '../schemas/sync-config';
import { projectDbName } from './sync-names';

export type ConfigCheck = { ok: true; config: SyncConfig } | { ok: false; errors: string[] };

/** Why a server URL is not usable; null when it is. Returns the normalised URL otherwise. */
export function checkServerUrl(raw: string): { url: string } | { error: string } {
  let u: URL;
  try {
    u = new URL(raw.trim());
  } catch {
    return { error: '服务器地址无效，应形如 https://couch.example.com:6984' };
  }
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return { error: '服务器地址必须以 https:// 或 http:// 开头' };
  if (u.username || u.password) return { error: '请不要把用户名或密码写在服务器地址中，请填在下面的用户名和密码栏' };
  if (u.search || u.hash) return { error: '服务器地址不能带有 ? 或 # 之后的部分' };
  const path = u.pathname.replace(/\/+$/, '');
  return { url: `${u.origin}${path}` };
}

export function checkSyncConfig(input: unknown): ConfigCheck {
  const parsed = syncConfigSchema.safeParse(input);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((i) =>
      i.path[0] === 'format' || i.path[0] === 'version' ? '这不是本系统的同步配置文件' : i.message,
    );
    return { ok: false, errors: [...new Set(errors)] };
  }
  const config = parsed.data;
  const errors: string[] = [];
  const url = checkServerUrl(config.url);
  if ('error' in url) errors.push(url.error);
  if (config.role === 'tablet' && config.projects.length !== 1) errors.push('平板只向自己所在的一个项目发送文件');
  const dbs = new Map<string, string>();
  const projects = config.projects.map((p) => ({ name: p.name.normalize('NFC').trim(), ...(p.code ? { code: p.code } : {}) }));
  for (const p of projects) {
    try {
      const db = projectDbName(p);
      const twin = dbs.get(db);
      if (twin !== undefined) errors.push(`项目「${twin}」和「${p.name}」会使用同一个数据库，请检查项目代码`);
      dbs.set(db, p.name);
    } catch (e) {
      errors.push(`项目「${p.name}」：${(e as Error).message}`);
    }
  }
  if (errors.length) return { ok: false, errors };
  return { ok: true, config: { ...config, url: (url as { url: string }).url, projects } };
}

/** The configuration without its password, for screens and exported files shown to others. */
export function withoutSecret(config: SyncConfig): Omit<SyncConfig, 'password'> {
  const { password: _password, ...rest } = config;
  return rest;
}

/** The projects field of the settings form: one project a line, `名称` or `名称 代码`. */
export function parseProjectLines(text: string): { name: string; code?: string }[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter(Boolean)
    .map((l) => {
      const m = /^(.*\S)\s+([a-z][a-z0-9-]*)$/.exec(l);
      return m ? { name: m[1]!, code: m[2]! } : { name: l };
    });
}

export function projectLines(projects: readonly { name: string; code?: string }[]): string {
  return projects.map((p) => (p.code ? `${p.name} ${p.code}` : p.name)).join('\n');
}

/** Fields a configuration file may have; anything else means it was not made by /sync/. */
const CONFIG_KEYS = new Set(['format', 'version', 'role', 'url', 'projects', 'username', 'password']);
/** A configuration is a few hundred bytes; a QR code holds at most ~2.9 KB. */
export const MAX_CONFIG_TEXT = 16 * 1024;
const NOT_CONFIG = '这不是本系统的同步配置文件';

export type ConfigFileRead =
  | { ok: true; config: SyncConfig }
  | { ok: true; needsPassword: true; config: Omit<SyncConfig, 'password'> }
  | { ok: false; errors: string[] };

/**
 * Reads a configuration file or QR code's text. Usually it carries no password (the device's
 * user types it): then `needsPassword`, unless this device's saved configuration is for the same
 * server and user (`current`): a file naming another server never gets the saved password, so a
 * forged QR code cannot send it elsewhere. Anything odd — other fields, a password that is not
 * text, a bad URL or project — is refused whole.
 */
export function readConfigFile(text: string, current?: Pick<SyncConfig, 'url' | 'username' | 'password'> | null): ConfigFileRead {
  if (text.length > MAX_CONFIG_TEXT) return { ok: false, errors: [`文件太大，${NOT_CONFIG}`] };
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    return { ok: false, errors: [NOT_CONFIG] };
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return { ok: false, errors: [NOT_CONFIG] };
  const raw = data as Record<string, unknown>;
  if (raw.format !== 'wuye-sync-config') return { ok: false, errors: [NOT_CONFIG] };
  const odd = Object.keys(raw).filter((k) => !CONFIG_KEYS.has(k));
  if (odd.length) return { ok: false, errors: [`配置文件中有本系统不认识的内容（${odd.join('、')}），未导入`] };
  if (raw.password !== undefined && typeof raw.password !== 'string') return { ok: false, errors: ['配置文件中的密码无效'] };
  const same = current && current.url === raw.url && current.username === raw.username;
  const password = (raw.password as string | undefined) || (same ? current.password : '');
  // Checked whole with a stand-in password when it has none, so every other problem shows now.
  const r = checkSyncConfig({ ...raw, password: password || '-' });
  if (!r.ok) return r;
  return password ? { ok: true, config: r.config } : { ok: true, needsPassword: true, config: withoutSecret(r.config) };
}
