import { describe, expect, it } from 'vitest';
import {
  deviceOnlyDocuments,
  exportReminder,
  isWebKitUserAgent,
  storageRisk,
  type DeviceOnlyDocument,
} from '../../src/domain/storage-risk';
import { detectInAppBrowser } from '../../src/domain/in-app-browser';

const UA = {
  chromeAndroid: 'Mozilla/5.0 (Linux; Android 14; HUAWEI MatePad) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36',
  chromeDesktop: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/142.0.0.0 Safari/537.36',
  edge: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0',
  firefox: 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0',
  safariMac: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Safari/605.1.15',
  // iPadOS 13+ Safari asks for desktop pages and says Macintosh.
  safariIpad: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Safari/605.1.15',
  safariIphone:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.4 Mobile/15E148 Safari/604.1',
  chromeIos:
    'Mozilla/5.0 (iPad; CPU OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/124.0.6367.88 Mobile/15E148 Safari/604.1',
  webkitGtk: 'Mozilla/5.0 (X11; Ubuntu; Linux x86_64) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.0 Safari/605.1.15',
  wechatAndroid:
    'Mozilla/5.0 (Linux; Android 13; V2148A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/116.0.0.0 Mobile Safari/537.36 XWEB/1160065 MMWEBSDK/20231202 MMWEBID/2585 MicroMessenger/8.0.47.2560(0x28002F35) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64',
  wechatIos:
    'Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.48(0x18003030) NetType/WIFI Language/zh_CN',
  wxwork:
    'Mozilla/5.0 (Linux; Android 12; HarmonyOS; NOH-AN00) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/99.0.4844.88 Mobile Safari/537.36 wxwork/4.1.22 MicroMessenger/7.0.1 NetType/WIFI Language/zh ColorScheme/Light',
};

describe('isWebKitUserAgent', () => {
  it.each([
    ['safariMac', true],
    ['safariIpad', true],
    ['safariIphone', true],
    ['chromeIos', true],
    ['webkitGtk', true],
    ['wechatIos', true],
    ['chromeAndroid', false],
    ['chromeDesktop', false],
    ['edge', false],
    ['firefox', false],
    ['wechatAndroid', false],
    ['wxwork', false],
  ] as const)('%s → %s', (name, webkit) => expect(isWebKitUserAgent(UA[name])).toBe(webkit));
});

describe('detectInAppBrowser', () => {
  it('tells 企业微信 from 微信, which both say MicroMessenger', () => {
    expect(detectInAppBrowser(UA.wxwork)).toBe('wxwork');
    expect(detectInAppBrowser(UA.wechatAndroid)).toBe('wechat');
    expect(detectInAppBrowser(UA.wechatIos)).toBe('wechat');
  });
  it('leaves ordinary browsers alone', () => {
    for (const name of ['chromeAndroid', 'safariIpad', 'firefox', 'edge'] as const) expect(detectInAppBrowser(UA[name])).toBeNull();
  });
});

describe('storageRisk', () => {
  it('is persistent only when persist() was granted outside a WebKit browser tab', () => {
    expect(storageRisk({ persisted: true, webkit: false, standalone: false })).toBe('persistent');
    expect(storageRisk({ persisted: true, webkit: true, standalone: true })).toBe('persistent');
  });
  it('may evict when persistence is refused', () => {
    expect(storageRisk({ persisted: false, webkit: false, standalone: false })).toBe('may-evict');
    expect(storageRisk({ persisted: false, webkit: false, standalone: true })).toBe('may-evict');
    expect(storageRisk({ persisted: false, webkit: true, standalone: true })).toBe('may-evict');
  });
  it('applies the 7-day rule to WebKit in a browser tab, whatever persist() answered', () => {
    expect(storageRisk({ persisted: false, webkit: true, standalone: false })).toBe('seven-day');
    expect(storageRisk({ persisted: true, webkit: true, standalone: false })).toBe('seven-day');
  });
});

describe('deviceOnlyDocuments', () => {
  const rec = (id: string, status: 'draft' | 'final', finalizedAt?: string) => ({
    id,
    status,
    finalizedAt,
    updatedAt: '2026-11-01T08:00:00.000+08:00',
  });
  it('lists finalised inspections without a signed PDF and PDFs not yet delivered, oldest first', () => {
    const docs = deviceOnlyDocuments(
      [
        rec('a', 'final', '2026-11-20T09:00:00.000+08:00'),
        rec('b', 'final', '2026-11-10T09:00:00.000+08:00'),
        rec('c', 'draft'),
        rec('d', 'final', '2026-11-05T09:00:00.000+08:00'),
      ],
      [
        { recordId: 'b', exportedAt: '2026-11-11T09:00:00.000+08:00' },
        { recordId: 'd', exportedAt: '2026-11-06T09:00:00.000+08:00', deliveredAt: '2026-11-07T09:00:00.000+08:00' },
      ],
    );
    expect(docs).toEqual([
      { recordId: 'b', kind: 'undelivered', since: '2026-11-11T09:00:00.000+08:00' },
      { recordId: 'a', kind: 'unexported', since: '2026-11-20T09:00:00.000+08:00' },
    ]);
  });
  it('falls back to the last change for a final record without a finalisation time', () => {
    expect(deviceOnlyDocuments([rec('x', 'final')], [])).toEqual([
      { recordId: 'x', kind: 'unexported', since: '2026-11-01T08:00:00.000+08:00' },
    ]);
  });
  it('is empty when everything is delivered or still a draft', () => {
    expect(
      deviceOnlyDocuments(
        [rec('c', 'draft')],
        [{ recordId: 'q', exportedAt: '2026-11-06T09:00:00.000+08:00', deliveredAt: '2026-11-06T10:00:00.000+08:00' }],
      ),
    ).toEqual([]);
  });
});

describe('exportReminder', () => {
  const pending: DeviceOnlyDocument[] = [
    { recordId: 'a', kind: 'undelivered', since: '2026-11-20T09:00:00.000+08:00' },
    { recordId: 'b', kind: 'unexported', since: '2026-11-22T09:00:00.000+08:00' },
    { recordId: 'c', kind: 'undelivered', since: '2026-11-23T09:00:00.000+08:00' },
  ];
  const base = { risk: 'seven-day' as const, pending, afterDays: 3 };

  it('is due once the oldest document has waited the configured days', () => {
    expect(exportReminder({ ...base, now: '2026-11-23T08:59:59.999+08:00' })).toBeNull();
    expect(exportReminder({ ...base, now: '2026-11-23T09:00:00.000+08:00' })).toEqual({ unexported: 1, undelivered: 2, oldestDays: 3 });
    expect(exportReminder({ ...base, now: '2026-11-30T10:00:00.000+08:00' })?.oldestDays).toBe(10);
  });
  it('compares instants, not the written clock time', () => {
    // 2026-11-23T01:00Z is 09:00 in Beijing: exactly three days.
    expect(exportReminder({ ...base, now: '2026-11-23T01:00:00.000Z' })).not.toBeNull();
    expect(exportReminder({ ...base, now: '2026-11-23T00:59:00.000Z' })).toBeNull();
  });
  it('is never due when storage is persistent or nothing waits', () => {
    expect(exportReminder({ ...base, risk: 'persistent', now: '2026-12-30T00:00:00.000+08:00' })).toBeNull();
    expect(exportReminder({ ...base, pending: [], now: '2026-12-30T00:00:00.000+08:00' })).toBeNull();
  });
  it('applies to refused persistence as well as the 7-day rule', () => {
    expect(exportReminder({ ...base, risk: 'may-evict', now: '2026-11-24T00:00:00.000+08:00' })).not.toBeNull();
  });
  it('stays quiet for the configured days after a dismissal, then reminds again', () => {
    const dismissedAt = '2026-11-24T10:00:00.000+08:00';
    expect(exportReminder({ ...base, dismissedAt, now: '2026-11-25T10:00:00.000+08:00' })).toBeNull();
    expect(exportReminder({ ...base, dismissedAt, now: '2026-11-27T09:59:00.000+08:00' })).toBeNull();
    expect(exportReminder({ ...base, dismissedAt, now: '2026-11-27T10:00:00.000+08:00' })).not.toBeNull();
  });
  it('is not silenced by a dismissal dated in the future (the clock was wrong then)', () => {
    expect(exportReminder({ ...base, dismissedAt: '2027-01-01T00:00:00.000+08:00', now: '2026-11-25T10:00:00.000+08:00' })).not.toBeNull();
  });
  it('follows the parameter', () => {
    expect(exportReminder({ ...base, afterDays: 1, now: '2026-11-21T09:00:00.000+08:00' })).not.toBeNull();
    expect(exportReminder({ ...base, afterDays: 7, now: '2026-11-26T09:00:00.000+08:00' })).toBeNull();
  });
  it('refuses a reminder interval that is not a positive number', () => {
    for (const afterDays of [0, -1, Number.NaN])
      expect(() => exportReminder({ ...base, afterDays, now: '2026-11-26T09:00:00.000+08:00' })).toThrow(RangeError);
  });
  it('says nothing on an unreadable time rather than reminding at random', () => {
    expect(exportReminder({ ...base, now: 'not a time' })).toBeNull();
  });
});
