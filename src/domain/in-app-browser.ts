// 微信 and 企业微信 open links in their own built-in browser, whose storage is tied to the app and
// may be cleared with its cache; nothing filled in there should be trusted to stay.

export type InAppBrowser = 'wechat' | 'wxwork';

/** 企业微信 also says MicroMessenger, so its own marker is checked first. */
export function detectInAppBrowser(ua: string): InAppBrowser | null {
  if (/wxwork/i.test(ua)) return 'wxwork';
  if (/MicroMessenger/i.test(ua)) return 'wechat';
  return null;
}
