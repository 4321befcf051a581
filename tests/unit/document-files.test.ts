import { describe, expect, it } from 'vitest';
import { exportFileName, nextExport } from '../../src/domain/document-files';

describe('document exports', () => {
  it('numbers re-issues after the latest one and names what they supersede', () => {
    expect(nextExport([])).toBeNull();
    expect(nextExport([{ hash: 'a', update: 0 }])).toEqual({ update: 1, supersedes: 'a' });
    expect(
      nextExport([
        { hash: 'c', update: 2 },
        { hash: 'a', update: 0 },
        { hash: 'b', update: 1 },
      ]),
    ).toEqual({ update: 3, supersedes: 'c' });
  });

  it('gives readable Chinese file names that differ between re-issues and are safe to save', () => {
    const d = {
      inspectedAt: '2026-11-23T10:00:00+08:00',
      project: '翠湖花园',
      templateTitle: '客服专业线品质检查',
      revision: 1,
      update: 0,
    };
    expect(exportFileName(d)).toBe('2026-11-23 翠湖花园 客服专业线品质检查 第1版.pdf');
    expect(exportFileName({ ...d, update: 2 })).toBe('2026-11-23 翠湖花园 客服专业线品质检查 第1版 整改更新2.pdf');
    expect(exportFileName({ ...d, revision: 2 })).not.toBe(exportFileName(d));
    expect(exportFileName({ ...d, project: 'A/B:C*?"<>|\u202e园\u200b区' })).toBe('2026-11-23 A B C 园 区 客服专业线品质检查 第1版.pdf');
  });
});
