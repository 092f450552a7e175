import { RequestValidationError } from './errors';
import { shown } from './validate-params';

/** An id that goes into a URL path: a non-blank string that is not a `.` or `..` segment. */
export function assertId(value: unknown, field: string): asserts value is string {
  if (typeof value !== 'string' || value.trim() === '' || value === '.' || value === '..') {
    throw new RequestValidationError([
      {
        field,
        message: `must be a non-empty id (got ${shown(value)})`,
      },
    ]);
  }
}
