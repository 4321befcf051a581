import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { COMPANY_DB, isCouchDbName, projectCodeProblem, projectDbName } from '../../src/domain/sync-names';
import {
  checkServerUrl,
  checkSyncConfig,
  MAX_CONFIG_TEXT,
  parseProjectLines,
  projectLines,
  readConfigFile,
  withoutSecret,
} from '../../src/domain/sync-config';
import { certificateSyncFields, readSyncDoc, syncDocFields, syncDocMismatch, SYNC_ATTACHMENT } from '../../src/domain/sync-doc';
import type { TrainingDocument } from '../../src/schemas/training-document';
import { combineOutcomes, needsCheck, pullDatabases, pushPlan, statusLine, syncStatus } from '../../src/domain/sync-plan';
import { readTrustDoc, trustArrivalProblem, trustDocFields, TRUST_ATTACHMENT } from '../../src/domain/sync-trust';
import { inspectionDocument } from '../support/signing-fixture';
import type { SyncConfig } from '../../src/schemas/sync-config';

const HASH = 'a'.repeat(64);
const FP = Array.from({ length: 32 }, () => 'AB').join(':');

const tablet: SyncConfig = {
  format: 'wuye-sync-config',
  version: 1,
  role: 'tablet',
  url: 'http://127.0.0.1:5984',
  projects: [{ name: '锦江名苑', code: 'jjmy' }],
  username: 'tablet-03',
  password: 'secret-pass',
};
const manager: SyncConfig = { ...tablet, role: 'manager', projects: [{ name: '锦江名苑', code: 'jjmy' }, { name: '翠湖花园' }] };

describe('database names', () => {
  it('uses the project code, or the hex of the UTF-8 name, always a CouchDB name', () => {
    expect(projectDbName({ name: '锦江名苑', code: 'jjmy' })).toBe('wuye-jjmy');
    expect(projectDbName({ name: '锦江名苑' })).toBe('wuye-x_e994a6e6b19fe5908de88b91');
    expect(isCouchDbName(COMPANY_DB)).toBe(true);
  });

  it('maps any name the same on every device (NFC, trimmed) and never onto a coded name', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim() !== ''),
        (name) => {
          const db = projectDbName({ name });
          expect(isCouchDbName(db)).toBe(true);
          expect(db).toBe(projectDbName({ name: ` ${name.normalize('NFD')} ` }));
          expect(db.startsWith('wuye-x_')).toBe(true);
        },
      ),
    );
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/), (code) => {
        fc.pre(code !== 'company');
        expect(projectDbName({ name: '某项目', code })).not.toContain('_');
      }),
    );
  });

  it('refuses bad codes and names too long for a database, in Chinese', () => {
    for (const code of ['JJMY', '1abc', 'a_b', 'a b', '锦江', 'company', 'a'.repeat(64)]) {
      expect(projectCodeProblem(code)).toMatch(/项目代码|保留/);
      expect(() => projectDbName({ name: 'x', code })).toThrow();
    }
    expect(() => projectDbName({ name: '   ' })).toThrow('项目名称不能为空');
    expect(() => projectDbName({ name: '名'.repeat(80) })).toThrow('项目名称太长');
  });
});

describe('sync configuration', () => {
  it('accepts a tablet and a manager configuration and normalises the URL', () => {
    const r = checkSyncConfig({ ...tablet, url: ' https://couch.example.com:6984/ ' });
    expect(r).toEqual({ ok: true, config: { ...tablet, url: 'https://couch.example.com:6984' } });
    expect(checkSyncConfig(manager).ok).toBe(true);
  });

  it('refuses credentials in the URL, other schemes and broken input, changing nothing', () => {
    expect(checkServerUrl('http://admin:pw@127.0.0.1:5984')).toEqual({ error: expect.stringContaining('不要把用户名或密码') });
    expect(checkServerUrl('ftp://x')).toEqual({ error: expect.stringContaining('https://') });
    expect(checkServerUrl('not a url')).toEqual({ error: expect.stringContaining('无效') });
    expect(checkServerUrl('http://x/?a=1')).toHaveProperty('error');
    const bad = checkSyncConfig({ ...tablet, url: 'http://a:b@x', projects: [tablet.projects[0], { name: '翠湖花园' }] });
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.errors).toEqual([expect.stringContaining('不要把用户名'), '平板只向自己所在的一个项目发送文件']);
    expect(checkSyncConfig({ format: 'x' })).toMatchObject({ ok: false, errors: expect.arrayContaining(['这不是本系统的同步配置文件']) });
    expect(checkSyncConfig({ ...tablet, password: '' })).toMatchObject({ ok: false, errors: ['请填写密码'] });
    expect(
      checkSyncConfig({
        ...manager,
        projects: [
          { name: 'A', code: 'aa' },
          { name: 'B', code: 'aa' },
        ],
      }),
    ).toMatchObject({
      ok: false,
      errors: [expect.stringContaining('同一个数据库')],
    });
    expect(checkSyncConfig({ ...tablet, projects: [{ name: '锦江名苑', code: 'JJ' }] })).toMatchObject({ ok: false });
  });

  it('drops the password for anything shown or shared', () => {
    expect(JSON.stringify(withoutSecret(tablet))).not.toContain('secret-pass');
  });
});

describe('the CouchDB document of a signed file', () => {
  const doc = inspectionDocument();
  const fields = syncDocFields(HASH, doc, FP);
  const onServer = {
    ...fields,
    _rev: '1-x',
    _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', length: 1234, stub: true } },
  };

  it('carries the id, the manager-view fields and nothing secret', () => {
    expect(fields).toEqual({
      _id: HASH,
      type: 'wuye-signed-document',
      v: 1,
      kind: 'inspection-report',
      recordId: 'r-1',
      templateId: 'security',
      revision: 1,
      update: 0,
      project: '锦江名苑',
      month: '2026-11',
      signer: FP,
    });
    expect(syncDocFields(HASH, { ...doc, update: 2, supersedes: HASH }, FP)).toMatchObject({ kind: 'report-update', update: 2 });
    expect(() => syncDocFields('xyz', doc, FP)).toThrow();
  });

  it('reads a well-formed document and refuses every malformed one', () => {
    expect(readSyncDoc(onServer)).toEqual({ ok: true, fields, attachment: { length: 1234, contentType: 'application/pdf' } });
    const broken: unknown[] = [
      null,
      [],
      'x',
      { ...onServer, _id: 'ABC' },
      { ...onServer, _id: HASH.toUpperCase() },
      { ...onServer, type: 'other' },
      { ...onServer, v: 2 },
      { ...onServer, kind: 'monthly' },
      { ...onServer, recordId: '' },
      { ...onServer, revision: -1 },
      { ...onServer, update: 1.5 },
      { ...onServer, month: '2026-13' },
      { ...onServer, signer: 'ab' },
      { ...onServer, _attachments: undefined },
      { ...onServer, _attachments: {} },
      { ...onServer, _attachments: { 'a.pdf': onServer._attachments[SYNC_ATTACHMENT] } },
      { ...onServer, _attachments: { ...onServer._attachments, 'b.pdf': onServer._attachments[SYNC_ATTACHMENT] } },
      { ...onServer, _attachments: { [SYNC_ATTACHMENT]: { content_type: 'text/html', length: 5 } } },
      { ...onServer, _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', length: 0 } } },
      { ...onServer, _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', length: 65 * 1024 * 1024 } } },
    ];
    for (const b of broken) expect(readSyncDoc(b)).toMatchObject({ ok: false, reason: expect.stringMatching(/服务器/) });
  });

  it('finds a server relabelling a genuine file', () => {
    const verified = { hash: HASH, document: doc, signer: FP };
    expect(syncDocMismatch(fields, verified)).toBeNull();
    expect(syncDocMismatch({ ...fields, project: '翠湖花园' }, verified)).toContain('（项目）');
    expect(syncDocMismatch({ ...fields, month: '2026-10' }, verified)).toContain('（月份）');
    expect(syncDocMismatch({ ...fields, _id: 'b'.repeat(64) }, verified)).toContain('（文件编号）');
    expect(syncDocMismatch(fields, { ...verified, signer: FP.replace('AB', 'CD') })).toContain('（签名人）');
  });
});

describe('what is sent and received', () => {
  it('a tablet sends only its project’s documents, once, to its project database', () => {
    const plan = pushPlan(tablet, [
      { hash: 'h1', project: '锦江名苑' },
      { hash: 'h2', project: '翠湖花园' },
      { hash: 'h3', project: null },
      { hash: 'h1', project: '锦江名苑' },
    ]);
    expect(plan).toEqual({
      db: 'wuye-jjmy',
      send: ['h1'],
      keep: [
        { hash: 'h2', reason: '属于项目「翠湖花园」，不发往「锦江名苑」' },
        { hash: 'h3', reason: '无法读取文件，未发送' },
      ],
    });
    expect(() => pushPlan(manager, [])).toThrow();
  });

  it('a manager pulls each managed project', () => {
    expect(pullDatabases(manager)).toEqual([
      { project: '锦江名苑', db: 'wuye-jjmy' },
      { project: '翠湖花园', db: projectDbName({ name: '翠湖花园' }) },
    ]);
    expect(() => pullDatabases(tablet)).toThrow();
  });

  it('counts per device what waits, was sent, was received, was refused', () => {
    const s = syncStatus({
      outbox: ['a', 'b', 'c'],
      sent: new Set(['a', 'z']),
      downloaded: ['d', 'e', 'f', 'f'],
      processed: new Map([
        ['d', { kind: 'received' as const }],
        ['e', { kind: 'refused' as const, reason: '已被改动' }],
      ]),
    });
    expect(s).toEqual({ waiting: 2, sent: 1, received: 1, refused: 1, unchecked: 1 });
    expect(statusLine('tablet', s)).toBe('待发送 2 份 · 已发送 1 份');
    expect(statusLine('manager', s)).toBe('已接收 1 份 · 已拒收 1 份 · 待验证 1 份');
    expect(statusLine('manager', { ...s, unchecked: 0 })).toBe('已接收 1 份 · 已拒收 1 份');
  });
});

describe('checking again what the server holds', () => {
  const refused = { kind: 'refused' as const, reason: '已被改动', revs: ['1-f'], trust: 't1' };

  it('checks a new document, never a counted one again', () => {
    expect(needsCheck(undefined, ['1-a'], 't1')).toBe(true);
    expect(needsCheck({ kind: 'received' }, ['1-a', '1-b'], 't2')).toBe(false);
  });

  it('checks a refused document again when a revision arrives that was not checked yet', () => {
    expect(needsCheck(refused, ['1-f'], 't1')).toBe(false);
    // The forged copy was planted first and still wins on the server: the genuine one is a conflict.
    expect(needsCheck(refused, ['1-f', '1-a'], 't1')).toBe(true);
    expect(needsCheck({ kind: 'refused', reason: 'x' }, ['1-f'], 't1')).toBe(true); // nothing recorded: check
  });

  it('checks a refused document again when the trust list changed', () => {
    expect(needsCheck(refused, ['1-f'], 't2')).toBe(true);
  });

  it('counts a document when any one of its revisions verified, whatever the server picked', () => {
    const no = { kind: 'refused' as const, reason: '服务器上的说明与文件内容不符（项目）' };
    expect(combineOutcomes([no, { kind: 'received' }], ['1-f', '1-a'], 't1')).toEqual({ kind: 'received' });
    expect(combineOutcomes([no, { kind: 'refused', reason: '已被改动' }], ['1-f', '1-a'], 't1')).toEqual({
      ...no,
      revs: ['1-f', '1-a'],
      trust: 't1',
    });
    expect(combineOutcomes([], ['1-f'], 't1')).toMatchObject({ kind: 'refused', reason: '服务器上的条目无法读取' });
  });
});

describe('the projects field', () => {
  it('reads one project a line with an optional code, and writes it back', () => {
    const text = ' 锦江名苑 jjmy \n\n翠湖花园\n滨江 一期 bj-1';
    const projects = parseProjectLines(text);
    expect(projects).toEqual([{ name: '锦江名苑', code: 'jjmy' }, { name: '翠湖花园' }, { name: '滨江 一期', code: 'bj-1' }]);
    expect(parseProjectLines(projectLines(projects))).toEqual(projects);
    expect(parseProjectLines('  \n ')).toEqual([]);
  });
});

describe('the company trust list on the server', () => {
  const list = {
    format: 'wuye-trust-list' as const,
    version: 1 as const,
    company: '示例物业服务有限公司',
    sequence: 2,
    issuedAt: '2026-11-01T00:00:00.000Z',
    root: 'AAAA',
    revocations: [],
  };
  const hash = 'a'.repeat(64);
  const doc = (over: Record<string, unknown> = {}) => ({
    ...trustDocFields(hash, list),
    _attachments: { [TRUST_ATTACHMENT]: { content_type: 'application/json', length: 900, stub: true } },
    ...over,
  });

  it('reads a well-formed entry and refuses anything else', () => {
    expect(readTrustDoc(doc())).toEqual({ ok: true, fields: trustDocFields(hash, list), length: 900 });
    expect(() => trustDocFields('x', list)).toThrow();
    for (const bad of [
      null,
      doc({ _id: 'trust-list' }),
      doc({ type: 'wuye-signed-document' }),
      doc({ sequence: 0 }),
      doc({ company: 7 }),
      doc({ _attachments: {} }),
      doc({ _attachments: { [TRUST_ATTACHMENT]: { content_type: 'text/html', length: 9 } } }),
      doc({ _attachments: { [TRUST_ATTACHMENT]: { content_type: 'application/json', length: 5 * 1024 * 1024 } } }),
    ])
      expect(readTrustDoc(bad).ok).toBe(false);
  });

  it('takes only a newer list of the same root, never the first one, and only when the entry says what the list says', () => {
    const f = trustDocFields(hash, list);
    const current = { ...list, sequence: 1 };
    expect(trustArrivalProblem(f, hash, list, { kind: 'newer', added: [] }, current)).toBeNull();
    expect(trustArrivalProblem(f, hash, list, { kind: 'same' }, list)).toBeNull();
    expect(trustArrivalProblem(f, hash, list, { kind: 'new' }, null)).toContain('第一份须由品质部交给本设备手动导入');
    expect(trustArrivalProblem(f, hash, list, { kind: 'other-root' }, current)).toContain('另一个根证书');
    expect(trustArrivalProblem(f, hash, list, { kind: 'older' }, { ...list, sequence: 5 })).toBe(
      '较旧的信任列表（第 2 版），本设备已有第 5 版，未采用',
    );
    expect(trustArrivalProblem(f, 'b'.repeat(64), list, { kind: 'newer', added: [] }, current)).toContain('与其编号不符');
    expect(trustArrivalProblem({ ...f, sequence: 9 }, hash, list, { kind: 'newer', added: [] }, current)).toContain('不符');
  });
});

describe('configuration files and QR codes', () => {
  const { password: _p, ...noPassword } = tablet;
  const text = (o: object) => JSON.stringify(o);

  it('reads a file without a password and asks for it, or takes the saved one for the same server and user', () => {
    const saved = { url: tablet.url, username: tablet.username, password: 'typed' };
    expect(readConfigFile(text(noPassword))).toEqual({ ok: true, needsPassword: true, config: noPassword });
    expect(readConfigFile(text(noPassword), saved)).toEqual({ ok: true, config: { ...tablet, password: 'typed' } });
    expect(readConfigFile(text(tablet), saved)).toEqual({ ok: true, config: tablet });
  });

  it('never hands the saved password to a file naming another server or user (a forged QR code)', () => {
    const saved = { url: tablet.url, username: tablet.username, password: 'secret' };
    for (const forged of [
      { ...noPassword, url: 'https://couch.attacker.example' },
      { ...noPassword, username: 'someone-else' },
    ]) {
      const r = readConfigFile(text(forged), saved);
      expect(r).toEqual({ ok: true, needsPassword: true, config: forged });
      expect(JSON.stringify(r)).not.toContain('secret');
    }
  });

  it('refuses whole anything that is not a configuration made by /sync/', () => {
    const refused = (t: string) => {
      const r = readConfigFile(t, { url: tablet.url, username: tablet.username, password: 'typed' });
      expect(r.ok).toBe(false);
      return r.ok ? [] : r.errors;
    };
    expect(refused('not json')).toEqual(['这不是本系统的同步配置文件']);
    expect(refused('[]')).toEqual(['这不是本系统的同步配置文件']);
    expect(refused(text({ ...tablet, format: 'wuye-trust-list' }))).toEqual(['这不是本系统的同步配置文件']);
    expect(refused(text({ ...tablet, version: 2 }))).toEqual(['这不是本系统的同步配置文件']);
    expect(refused(text({ ...tablet, replicateTo: 'http://evil.example' }))).toEqual([
      '配置文件中有本系统不认识的内容（replicateTo），未导入',
    ]);
    expect(refused(text({ ...tablet, password: 12345 }))).toEqual(['配置文件中的密码无效']);
    expect(refused(text({ ...tablet, url: 'http://u:p@couch.example.com' }))[0]).toContain('不要把用户名或密码写在服务器地址中');
    expect(refused(text({ ...tablet, url: 'javascript:alert(1)' }))[0]).toContain('必须以 https:// 或 http:// 开头');
    expect(refused(text({ ...tablet, projects: [{ name: '锦江名苑', code: 'company' }] }))[0]).toContain('保留名称');
    expect(refused(text({ ...tablet, role: 'admin' })).length).toBeGreaterThan(0);
    expect(refused(' '.repeat(MAX_CONFIG_TEXT + 1))[0]).toContain('文件太大');
  });

  it('reads back what it exports, with or without the password, for any valid configuration', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 30 }).filter((s) => s.trim() === s && s.length > 0),
        fc.boolean(),
        (user, withPw) => {
          const c = { ...manager, username: user };
          const r = readConfigFile(JSON.stringify(withPw ? c : withoutSecret(c)));
          expect(r).toEqual(withPw ? { ok: true, config: c } : { ok: true, needsPassword: true, config: withoutSecret(c) });
        },
      ),
    );
  });
});

describe('the CouchDB document of a training certificate', () => {
  const training: TrainingDocument = {
    learner: { name: '王小明', employeeNo: 'E1024' },
    signOff: { post: 'security', at: '2026-11-30T08:15:00.000Z', versions: { 'sec-01': 'v3' }, quizScore: 90, method: 'typed' },
    reads: { 'sec-01': { at: '2026-11-29T08:00:00.000Z', version: 'v3', how: 'scrolled', seconds: 120 } },
    attempts: [{ scope: 'security', at: '2026-11-30T08:10:00.000Z', score: 90, passed: true }],
  };
  const fields = certificateSyncFields(HASH, training, FP, '锦江名苑');
  const onServer = {
    ...fields,
    _rev: '1-x',
    _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/pdf', length: 800, stub: true } },
  };
  const verified = { hash: HASH, training, signer: FP, project: '锦江名苑' };

  it('carries the employee number, post, month and signer, never the name, reads or answers', () => {
    expect(fields).toEqual({
      _id: HASH,
      type: 'wuye-signed-document',
      v: 1,
      kind: 'training-certificate',
      employeeNo: 'E1024',
      post: 'security',
      project: '锦江名苑',
      month: '2026-11',
      signer: FP,
    });
    expect(JSON.stringify(fields)).not.toMatch(/王小明|sec-01|quiz|attempt/);
    expect(() => certificateSyncFields('xyz', training, FP, '锦江名苑')).toThrow();
  });

  it('reads a well-formed certificate entry and refuses every malformed one', () => {
    expect(readSyncDoc(onServer)).toEqual({ ok: true, fields, attachment: { length: 800, contentType: 'application/pdf' } });
    const broken: unknown[] = [
      { ...onServer, employeeNo: '' },
      { ...onServer, employeeNo: 1024 },
      { ...onServer, post: undefined },
      { ...onServer, project: '' },
      { ...onServer, month: '2026-1' },
      { ...onServer, signer: FP.toLowerCase() },
      { ...onServer, kind: 'Training-Certificate' },
      { ...onServer, _attachments: { [SYNC_ATTACHMENT]: { content_type: 'application/octet-stream', length: 800 } } },
    ];
    for (const b of broken) expect(readSyncDoc(b)).toMatchObject({ ok: false, reason: expect.stringMatching(/服务器/) });
  });

  it('names a missing field the way the supervisor reads it, not by its key', () => {
    const { employeeNo: _, ...noNumber } = onServer;
    expect(readSyncDoc(noNumber)).toEqual({ ok: false, reason: '服务器上的条目缺少「工号」' });
    expect(readSyncDoc({ ...onServer, post: '' })).toEqual({ ok: false, reason: '服务器上的条目缺少「岗位」' });
  });

  it('ignores report fields a forged certificate entry carries', () => {
    const read = readSyncDoc({ ...onServer, recordId: 'r-1', revision: 3 });
    expect(read.ok && read.fields).toEqual(fields);
  });

  it('finds every relabelling of a genuine certificate', () => {
    expect(syncDocMismatch(fields, verified)).toBeNull();
    expect(syncDocMismatch({ ...fields, employeeNo: 'E9999' }, verified)).toContain('（工号）');
    expect(syncDocMismatch({ ...fields, post: 'cleaning' }, verified)).toContain('（岗位）');
    expect(syncDocMismatch({ ...fields, month: '2026-12' }, verified)).toContain('（月份）');
    expect(syncDocMismatch({ ...fields, _id: 'b'.repeat(64) }, verified)).toContain('（文件编号）');
    // Planted in another project's database: the label says so, and the database decides.
    expect(syncDocMismatch(fields, { ...verified, project: '翠湖花园' })).toContain('（项目）');
    expect(syncDocMismatch(fields, { ...verified, signer: FP.replace('AB', 'CD') })).toContain('（签名人）');
  });

  it('refuses a certificate labelled as a report and a report labelled as a certificate', () => {
    const doc = inspectionDocument();
    const report = syncDocFields(HASH, doc, FP);
    expect(syncDocMismatch(report, verified)).toContain('（文件种类）');
    expect(syncDocMismatch(fields, { hash: HASH, document: doc, signer: FP })).toContain('（文件种类）');
  });
});
