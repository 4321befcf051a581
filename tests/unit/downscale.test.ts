import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_PHOTO_SIDE } from '../../src/adapters/files/downscale';

describe('fitWithin', () => {
  it('keeps small photos as they are', () => expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 }));
  it('scales the longest side to 1600 px, keeping the aspect ratio', () => {
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(3000, 2000)).toEqual({ width: 1600, height: 1067 });
  });
  it('defaults to MAX_PHOTO_SIDE and honours a smaller limit', () => {
    expect(fitWithin(MAX_PHOTO_SIDE * 3, MAX_PHOTO_SIDE)).toEqual({ width: MAX_PHOTO_SIDE, height: Math.round(MAX_PHOTO_SIDE / 3) });
    expect(fitWithin(4032, 3024, 800)).toEqual({ width: 800, height: 600 });
  });
  it('never returns a zero side', () => expect(fitWithin(10000, 1)).toEqual({ width: 1600, height: 1 }));
});
