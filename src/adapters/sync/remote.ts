// What the replication code shares: the server's databases as PouchDB sees them, the retry
// pace and the Chinese words for what went wrong.
import PouchDB from 'pouchdb-browser';
import type { SyncConfig } from '../../schemas/sync-config';

// Retry quickly at first, then at most every 30 s: a tablet coming back online resumes soon.
export const backOff = (delay: number) => (delay === 0 ? 1000 : Math.min(delay * 2, 30_000));

export function remoteDb(config: SyncConfig, db: string) {
  return new PouchDB(`${config.url}/${db}`, {
    auth: { username: config.username, password: config.password },
    skip_setup: true, // a device never creates databases; the administrator does
  });
}

export function explain(err: unknown): string {
  const e = err as { status?: number; name?: string; message?: string };
  if (e?.status === 401) return '用户名或密码不正确';
  if (e?.status === 403) return '该用户没有访问这个项目数据库的权限';
  if (e?.status === 404) return '服务器上没有这个项目的数据库，请联系管理员创建';
  return '暂时无法连接服务器，联网后会自动继续';
}
