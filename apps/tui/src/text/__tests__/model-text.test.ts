import { describe, expect, it } from 'vitest';
import { lifecycleText, offerText, priceText } from '../model-text';

describe('a model in words', () => {
  it('says what it offers, -1 as auto, and what the API does not list', () => {
    expect(offerText({ durations: [-1, 5, 10], resolutions: ['720p'], aspectRatios: [] })).toBe(
      'durations -1 (auto), 5, 10 s · resolutions 720p · aspect ratios not listed',
    );
    expect(
      offerText({ durations: [-1, 4, 5, 6, 7, 10, 11], resolutions: [], aspectRatios: [] }),
    ).toBe(
      'durations -1 (auto), 4 to 7, 10, 11 s · resolutions not listed · aspect ratios not listed',
    );
  });

  it('reads the open-ended price summary', () => {
    expect(
      priceText({ currency: 'USD', per_second: '0.07', min_price: '0.35', max_price: '0.70' }),
    ).toBe('$0.07 a second ($0.35 to $0.70 a video)');
    expect(priceText({ per_request: '0.40' })).toBe('$0.40 a video');
    expect(priceText({ unit: 'per_token' })).toBe('priced per_token');
    expect(priceText({})).toBeNull();
    expect(priceText(null)).toBeNull();
  });

  it('names the replacement and the date of a model that is going or gone', () => {
    const dates = { releasedAt: null, deprecatedAt: null, retiredAt: null, sunsetAt: null };
    expect(lifecycleText({ stage: 'active', replacement: null, ...dates })).toBeNull();
    expect(
      lifecycleText({
        stage: 'deprecated',
        replacement: 'seedance-1.5-pro',
        ...dates,
        sunsetAt: '2027-01-15T00:00:00.000Z',
      }),
    ).toBe('deprecated: use seedance-1.5-pro, stops 2027-01-15');
    expect(
      lifecycleText({
        stage: 'retired',
        replacement: 'veo3.1',
        ...dates,
        retiredAt: '2026-06-01T00:00:00.000Z',
      }),
    ).toBe('retired: use veo3.1, retired 2026-06-01');
    expect(lifecycleText({ stage: 'preview', replacement: null, ...dates })).toBe('preview');
  });
});
