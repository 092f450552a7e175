import { describe, expect, it } from 'vitest';
import { maskKey, redactKey } from '../mask-key';

describe('maskKey', () => {
  it('keeps the prefix and the last four characters of a long key', () => {
    expect(maskKey('sk-live-0123456789abcd')).toBe('sk-…abcd');
  });

  it('shows nothing of a short key', () => {
    expect(maskKey('sk-short')).toBe('sk-…');
  });

  it('masks every occurrence', () => {
    expect(
      redactKey('a sk-live-0123456789abcd b sk-live-0123456789abcd', 'sk-live-0123456789abcd'),
    ).toBe('a sk-…abcd b sk-…abcd');
  });
});
