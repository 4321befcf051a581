import { describe, expect, it } from 'vitest';
import { fitWithin, MAX_PHOTO_SIDE } from '../../src/adapters/files/downscale';

describe('fitWithin', () => {
  it('keeps small photos as they are', () => expect(fitWithin(800, 600)).toEqual({ width: 800, height: 600 }));
  it('scales the longest side to 1600 px, keeping the aspect ratio', () => {
    expect(MAX_PHOTO_SIDE).toBe(1600);
    expect(fitWithin(4032, 3024)).toEqual({ width: 1600, height: 1200 });
    expect(fitWithin(3024, 4032)).toEqual({ width: 1200, height: 1600 });
    expect(fitWithin(3000, 2000)).toEqual({ width: 1600, height: 1067 });
  });
  it('never returns a zero side', () => expect(fitWithin(10000, 1)).toEqual({ width: 1600, height: 1 }));
});
