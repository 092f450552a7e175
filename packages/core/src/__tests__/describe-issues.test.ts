import { describe, expect, it } from 'vitest';
import { describeIssues } from '../describe-issues';

describe('describeIssues', () => {
  const issues = [
    { field: 'fps', message: 'must be between 1 and 120' },
    { field: 'aspect_ratio', message: 'must be one of 16:9, 9:16' },
  ];

  it("names each field by the spec's name and its rule, in one line", () => {
    expect(describeIssues(issues)).toBe(
      'fps must be between 1 and 120; aspect_ratio must be one of 16:9, 9:16',
    );
  });

  it('names each field as the face shows it', () => {
    expect(describeIssues(issues, (field) => `--${field.replaceAll('_', '-')}`)).toBe(
      '--fps must be between 1 and 120; --aspect-ratio must be one of 16:9, 9:16',
    );
  });

  it('is empty for no issues', () => {
    expect(describeIssues([])).toBe('');
  });
});
