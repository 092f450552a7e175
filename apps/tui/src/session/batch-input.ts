import { isAbsolute, normalize } from 'node:path';
import {
  type CreateVideoParams,
  parseCreateParams,
  type ValidationIssue,
  validationIssues,
} from '@lemonvideo/core';
import { CsvError, parse } from 'csv-parse/sync';

/** The formats a batch file may have: JSON lines (one create body a line), or CSV. */
export type BatchFormat = 'jsonl' | 'csv';

/** One task of a batch file: its create body, and where in the file it is. */
export interface BatchLine {
  /** Its line in the file, from 1 (for CSV, the line its record ends on; the header is line 1). */
  line: number;
  /** The line's own `id`, if it gave one: kept in the report. */
  id: string | null;
  /** The file its video is saved as under `--out-dir` (its `out`); null for `<task id>.mp4`. */
  out: string | null;
  params: CreateVideoParams;
}

/** A rule a line breaks: its line, the field (the API's name, or `line` for the line as a whole). */
export interface LineIssue extends ValidationIssue {
  line: number;
}

/** A batch file read: the lines that may run, and every rule any line breaks. */
export interface BatchInput {
  format: BatchFormat;
  lines: BatchLine[];
  issues: LineIssue[];
}

/** The format of a batch file: CSV by its `.csv` extension, else JSON lines. */
export const batchFormatOf = (path: string): BatchFormat =>
  path.toLowerCase().endsWith('.csv') ? 'csv' : 'jsonl';

/**
 * A line's key in a batch (the journal's entries, the queue's tasks, core's `runBatch`):
 * `line <n>`, `n` its line in the file (from 1).
 */
export const lineKey = (line: number): string => `line ${line}`;

/** The line a task's key ends with (`lineKey`'s `n`); null when it ends with no number. */
export function lineOfKey(key: string): number | null {
  const digits = /\d+$/.exec(key)?.[0];
  return digits === undefined ? null : Number(digits);
}

/** Fields of a line that are the batch's, not the create body's. */
const ownFields = ['id', 'out'] as const;

const issue = (line: number, field: string, message: string): LineIssue => ({
  line,
  field,
  message,
});

/**
 * Reads a batch file's text. JSON lines: each non-blank line one JSON object, a create body as
 * `videos.create` takes it, with an optional `id` (kept in the report) and `out` (the video's
 * file name under `--out-dir`). CSV: a header naming a `prompt` column and any other create
 * fields (and `id`, `out`), then one task a record; each cell is typed by the spec's rules for
 * its field (`parseCreateParams`), and a blank cell is not sent. Every line is checked against
 * the spec's rules; every rule broken is in `issues`, with its line and field.
 */
export function parseBatchFile(text: string, format: BatchFormat): BatchInput {
  const read = format === 'csv' ? csvLines(text) : jsonLines(text);
  const issues = [...read.issues, ...batchRules(read.lines)];
  return { format, lines: read.lines, issues: issues.sort((a, b) => a.line - b.line) };
}

function jsonLines(text: string): Omit<BatchInput, 'format'> {
  const lines: BatchLine[] = [];
  const issues: LineIssue[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    let body: unknown;
    try {
      body = JSON.parse(raw);
    } catch (error) {
      issues.push(issue(line, 'line', `is not JSON (${(error as Error).message})`));
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      issues.push(issue(line, 'line', 'must be a JSON object: one create body'));
      return;
    }
    const { id, out, ...params } = body as Record<string, unknown>;
    const own = ownOf(line, { id, out }, issues);
    for (const found of validationIssues(params)) issues.push({ line, ...found });
    lines.push({ line, ...own, params: params as CreateVideoParams });
  });
  return { lines, issues };
}

function csvLines(text: string): Omit<BatchInput, 'format'> {
  const lines: BatchLine[] = [];
  const issues: LineIssue[] = [];
  let records: Array<{ record: string[]; info: { lines: number } }>;
  try {
    records = parse(text, {
      bom: true,
      info: true,
      skip_empty_lines: true,
      relax_column_count: true,
    }) as unknown as typeof records;
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const at = (error as CsvError & { lines?: number }).lines ?? 1;
    return { lines, issues: [issue(at, 'line', `is not valid CSV (${error.message})`)] };
  }
  const [header, ...rows] = records;
  if (header === undefined) return { lines, issues };
  const columns = header.record.map((name) => name.trim());
  if (!columns.includes('prompt')) {
    issues.push(issue(header.info.lines, 'prompt', 'the header has no prompt column'));
  }
  for (const { record, info } of rows) {
    const line = info.lines;
    if (record.length !== columns.length) {
      issues.push(issue(line, 'line', `has ${record.length} fields, the header ${columns.length}`));
      continue;
    }
    const text: Record<string, string> = {};
    columns.forEach((column, index) => {
      text[column] = record[index] as string;
    });
    const { id, out, ...fields } = text;
    const own = ownOf(line, { id: id?.trim() || undefined, out: out?.trim() || undefined }, issues);
    const { params, issues: broken } = parseCreateParams(fields);
    for (const found of broken) issues.push({ line, ...found });
    lines.push({ line, ...own, params });
  }
  return { lines, issues };
}

/** A line's `id` and `out`, checked; what breaks a rule is noted in `issues` and left out. */
function ownOf(
  line: number,
  given: Record<(typeof ownFields)[number], unknown>,
  issues: LineIssue[],
): Pick<BatchLine, 'id' | 'out'> {
  let id: string | null = null;
  let out: string | null = null;
  if (typeof given.id === 'number' && Number.isFinite(given.id)) id = String(given.id);
  else if (typeof given.id === 'string' && given.id.trim() !== '') id = given.id.trim();
  else if (given.id !== undefined) issues.push(issue(line, 'id', 'must be a text or a number'));
  if (typeof given.out === 'string' && safeOut(given.out)) out = normalize(given.out);
  else if (given.out !== undefined) {
    issues.push(
      issue(line, 'out', 'must be a file name or a relative path inside --out-dir, without ..'),
    );
  }
  return { id, out };
}

const safeOut = (out: string) =>
  out.trim() !== '' &&
  !isAbsolute(out) &&
  !out.split(/[\\/]/).includes('..') &&
  !/[\\/]$/.test(out);

/** What the lines break together: an `id` or an `out` given twice. */
function batchRules(lines: readonly BatchLine[]): LineIssue[] {
  const issues: LineIssue[] = [];
  for (const field of ownFields) {
    const first = new Map<string, number>();
    for (const each of lines) {
      const value = each[field];
      if (value === null) continue;
      const seen = first.get(value);
      if (seen === undefined) first.set(value, each.line);
      else
        issues.push(
          issue(each.line, field, `must be unique in the file (line ${seen} has it too)`),
        );
    }
  }
  return issues;
}
