/**
 * CouchDB database names for the optional sync (issue 19). One database per project
 * (`wuye-<code>`), plus the company database carrying the signed trust list.
 *
 * CouchDB's rule: `^[a-z][a-z0-9_$()+/-]*$`, at most 238 characters. Project names are Chinese,
 * so a name is mapped either through the code the administrator gives the project (lowercase
 * letters, digits and `-`, e.g. `jjmy` → `wuye-jjmy`) or, without a code, through the hex of its
 * UTF-8 bytes (`wuye-x_e994a6…`): deterministic on every device, reversible, and never equal to a
 * coded name because codes cannot contain `_`.
 */

export const DB_PREFIX = 'wuye-';
export const COMPANY_DB = 'wuye-company';
const COUCH_NAME = /^[a-z][a-z0-9_$()+/-]*$/;
const CODE = /^[a-z][a-z0-9-]{0,62}$/;
const MAX_NAME = 238;
/** Codes that would name something other than a project. */
const RESERVED_CODES = new Set(['company']);

/** Why a project code is not usable, in Chinese; null when it is. */
export function projectCodeProblem(code: string): string | null {
  if (!CODE.test(code)) return '项目代码只能用小写英文字母、数字和短横线（-），以字母开头，最长 63 个字符';
  if (RESERVED_CODES.has(code)) return `「${code}」是保留名称，请换一个项目代码`;
  return null;
}

export function isCouchDbName(name: string): boolean {
  return name.length <= MAX_NAME && COUCH_NAME.test(name);
}

function utf8Hex(text: string): string {
  return [...new TextEncoder().encode(text)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** The database a project's documents replicate through. Throws (in Chinese) on a bad code or name. */
export function projectDbName(project: { name: string; code?: string }): string {
  const name = project.name.normalize('NFC').trim();
  if (!name) throw new Error('项目名称不能为空');
  if (project.code !== undefined && project.code !== '') {
    const problem = projectCodeProblem(project.code);
    if (problem) throw new Error(problem);
    return DB_PREFIX + project.code;
  }
  const db = `${DB_PREFIX}x_${utf8Hex(name)}`;
  if (!isCouchDbName(db)) throw new Error('项目名称太长，无法作为数据库名称，请为项目设定项目代码');
  return db;
}
