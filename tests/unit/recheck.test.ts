import { describe, expect, it } from 'vitest';
import { recheckDecision, recheckSummary, type RecheckBefore, type RecheckDecision, type RecheckVerdict } from '../../src/domain/recheck';
import type { DocumentState } from '../../src/domain/collection';

const doc = (state: DocumentState, flags: Partial<RecheckBefore> = {}): RecheckBefore => ({
  hash: 'h1',
  state,
  included: false,
  excluded: false,
  reason: state === 'valid' ? '' : '本设备尚未导入公司信任列表，无法确认签名人身份',
  ...flags,
});
const v = (kind: RecheckVerdict['kind'], problem: RecheckVerdict['problem'] = null, reason = '', hash = 'h1'): RecheckVerdict => ({
  kind,
  problem,
  reason,
  hash,
});
const REVOKED = v('untrusted', 'revoked', '签名证书已被公司吊销（2026-11-01 起吊销：平板丢失）');
const UNKNOWN = v('untrusted', 'unknown-issuer', '签名证书不是本公司签名根证书签发的');

describe('recheckDecision', () => {
  it('writes nothing when the verdict is the same', () => {
    expect(recheckDecision(doc('valid'), v('valid'))).toEqual({ kind: 'same', reason: '' });
    expect(recheckDecision(doc('unsigned', { reason: '文件没有数字签名' }), v('unsigned', null, '文件没有数字签名'))).toEqual({
      kind: 'same',
      reason: '文件没有数字签名',
    });
    const revoked = doc('untrusted', { reason: REVOKED.reason, included: true });
    expect(recheckDecision(revoked, REVOKED)).toEqual({ kind: 'same', reason: REVOKED.reason }); // the manager's inclusion stands
    // Imported before reasons were kept: the same state is the same verdict, the inclusion stands.
    expect(recheckDecision(doc('untrusted', { reason: undefined, included: true }), UNKNOWN)).toEqual({
      kind: 'same',
      reason: UNKNOWN.reason,
    });
  });

  it('a revocation takes a counted document out of the month', () => {
    expect(recheckDecision(doc('valid'), REVOKED)).toEqual({
      kind: 'changed',
      state: 'untrusted',
      included: false,
      reason: REVOKED.reason,
      cause: 'revoked',
      countedBefore: true,
      countedAfter: false,
    });
  });

  it('a newly trusted root makes an unenrolled document valid and counted, unless the manager excluded it', () => {
    expect(recheckDecision(doc('untrusted'), v('valid'))).toMatchObject({
      kind: 'changed',
      state: 'valid',
      cause: 'trusted',
      countedBefore: false,
      countedAfter: true,
    });
    expect(recheckDecision(doc('untrusted', { excluded: true }), v('valid'))).toMatchObject({ countedAfter: false });
    expect(recheckDecision(doc('untrusted', { included: true }), v('valid'))).toMatchObject({ countedBefore: true, countedAfter: true });
  });

  it('an inclusion made for one reason lapses when the reason changes', () => {
    const d = recheckDecision(doc('untrusted', { included: true }), REVOKED);
    expect(d).toMatchObject({ kind: 'changed', included: false, cause: 'revoked', countedBefore: true, countedAfter: false });
  });

  it('another root or a certificate problem are named as such', () => {
    expect(recheckDecision(doc('valid'), UNKNOWN)).toMatchObject({ cause: 'not-enrolled', countedAfter: false });
    expect(recheckDecision(doc('valid'), v('untrusted', 'certificate-expired', '签名时证书已过期'))).toMatchObject({
      cause: 'certificate',
    });
  });

  it('a stored file that now fails outright stops counting and says why, but stays in the collection', () => {
    for (const verdict of [
      v('tampered', 'digest-mismatch', '文件内容与签名不符'),
      v('foreign', 'no-record', '不是本系统'),
      v('valid', null, '', 'h2'),
    ]) {
      const d = recheckDecision(doc('valid'), verdict);
      expect(d).toMatchObject({ kind: 'changed', state: 'untrusted', included: false, cause: 'refused', countedAfter: false });
      expect(d.kind === 'changed' && d.reason).toMatch(/^重新核验未通过：/);
    }
  });

  it('keeps the old verdict when the checker could not finish or the original was not kept', () => {
    expect(recheckDecision(doc('valid'), v('tampered', 'timeout', '超时'))).toEqual({ kind: 'kept', reason: '超时' });
    expect(recheckDecision(doc('valid'), v('foreign', 'checker-error', '内存不足'))).toEqual({ kind: 'kept', reason: '内存不足' });
    expect(recheckDecision(doc('valid'), null).kind).toBe('kept');
  });

  it('a deleted document is re-checked but counts neither way', () => {
    expect(recheckDecision(doc('untrusted', { deletedAt: '2026-11-30T00:00:00Z' }), v('valid'))).toMatchObject({
      countedBefore: false,
      countedAfter: false,
    });
  });
});

describe('recheckSummary', () => {
  const changed = (cause: Extract<RecheckDecision, { kind: 'changed' }>['cause'], before: boolean, after: boolean): RecheckDecision => ({
    kind: 'changed',
    state: after ? 'valid' : 'untrusted',
    included: false,
    reason: '',
    cause,
    countedBefore: before,
    countedAfter: after,
  });
  const live = (decision: RecheckDecision) => ({ decision, deleted: false });

  it('says what changed for the month', () => {
    expect(
      recheckSummary([live(changed('revoked', true, false)), live(changed('revoked', true, false)), live({ kind: 'same', reason: '' })]),
    ).toBe('信任列表已更新：3 份文件重新核验，2 份因证书吊销不再计入。');
    expect(
      recheckSummary([
        live(changed('trusted', false, true)),
        live(changed('not-enrolled', true, false)),
        live(changed('certificate', true, false)),
        live(changed('refused', true, false)),
        live(changed('revoked', false, false)),
        live({ kind: 'kept', reason: '超时' }),
      ]),
    ).toBe(
      '信任列表已更新：5 份文件重新核验，1 份因签名人不在信任列表中不再计入，1 份因签名证书无效不再计入，1 份重新核验未通过，不再计入，1 份现已验证有效，计入报告，1 份结论有变化，计入与否不变，1 份未能重新核验，保持原结论。',
    );
  });

  it('names what a newly valid document counts in', () => {
    expect(recheckSummary([live(changed('trusted', false, true))], '计入培训记录')).toBe(
      '信任列表已更新：1 份文件重新核验，1 份现已验证有效，计入培训记录。',
    );
  });

  it('says nothing changed, and leaves deleted documents out', () => {
    expect(recheckSummary([live({ kind: 'same', reason: '' }), { decision: changed('revoked', true, false), deleted: true }])).toBe(
      '信任列表已更新：1 份文件重新核验，结论均无变化。',
    );
    expect(recheckSummary([])).toBe('信任列表已更新：0 份文件重新核验，结论均无变化。');
  });
});
