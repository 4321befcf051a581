import { z } from './zod';

/** A project as the sync knows it: its name as written in records, and the administrator's code. */
export const syncProjectSchema = z.object({
  /** Exactly as inspections write it (锦江名苑). */
  name: z.string().trim().min(1, '项目名称不能为空').max(100),
  /** Lowercase code for the database name (`wuye-<code>`); optional, see domain/sync-names. */
  code: z.string().optional(),
});

/**
 * The sync configuration of one device (issue 19), entered once or imported from a file/QR.
 * A tablet pushes its own documents to its one project; a manager's device pulls the projects it
 * manages. The credentials live only here (localStorage on the device): never in a document,
 * a report, a backup or a URL.
 */
export const syncConfigSchema = z.object({
  format: z.literal('wuye-sync-config'),
  version: z.literal(1),
  role: z.enum(['tablet', 'manager']),
  /** The CouchDB server, e.g. https://couch.example.com:6984 (no user or password in it). */
  url: z.string().trim().min(1, '请填写服务器地址'),
  projects: z.array(syncProjectSchema).min(1, '至少填写一个项目'),
  username: z.string().trim().min(1, '请填写用户名').max(200),
  password: z.string().min(1, '请填写密码').max(500),
});

export type SyncProject = z.output<typeof syncProjectSchema>;
export type SyncConfig = z.output<typeof syncConfigSchema>;
