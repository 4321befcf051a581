import { describe, expect, it } from 'vitest';
import { handbookHref, refPage } from '../../src/domain/links';
import { isCurrentFinal } from '../../src/domain/inspection';

describe('handbookHref', () => {
  it('links a page, a part and an anchored reference', () => {
    expect(handbookHref('customer-service/appointment')).toBe('/handbook/customer-service/appointment/');
    expect(handbookHref('security')).toBe('/handbook/security/');
    expect(handbookHref('customer-service/front-desk-phone#来电')).toBe('/handbook/customer-service/front-desk-phone/#来电');
  });
  it('drops the anchor when asked (printed link lists)', () => {
    expect(handbookHref('customer-service/front-desk-phone#来电', { anchor: false })).toBe('/handbook/customer-service/front-desk-phone/');
  });
});

describe('refPage', () => {
  it('is the page a reference points into, with or without an anchor', () => {
    expect(refPage('customer-service/front-desk-phone#来电')).toBe('customer-service/front-desk-phone');
    expect(refPage('customer-service/appointment')).toBe('customer-service/appointment');
    expect(refPage('security')).toBe('security');
  });
});

describe('isCurrentFinal', () => {
  it('counts a final record unless a later revision replaced it; never a draft', () => {
    expect(isCurrentFinal({ status: 'final' })).toBe(true);
    expect(isCurrentFinal({ status: 'final', supersededBy: 'r2' })).toBe(false);
    expect(isCurrentFinal({ status: 'draft' })).toBe(false);
  });
});
