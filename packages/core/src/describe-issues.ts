import type { ValidationIssue } from './errors';

/**
 * The rules a request breaks, in one line for a person: each field and its rule, joined by
 * `; ` (`fps must be between 1 and 120; duration must be an integer`). `fieldName` names a
 * field as the face shows it (a flag, a form's label); by default, the spec's own name. The one
 * wording both faces (the terminal app and the web app) show.
 */
export function describeIssues(
  issues: readonly Pick<ValidationIssue, 'field' | 'message'>[],
  fieldName: (field: string) => string = (field) => field,
): string {
  return issues.map((issue) => `${fieldName(issue.field)} ${issue.message}`).join('; ');
}
