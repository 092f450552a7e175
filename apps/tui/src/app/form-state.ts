import { type ParsedCreateParams, parseCreateParams, type VideoModel } from '@lemonvideo/core';
import type { Key } from 'ink';
import { createFields, type FieldText, issueOf } from '../session/create-fields';

export type FormRow = { kind: 'field'; key: string } | { kind: 'advanced' };

export interface FormState {
  values: FieldText;
  /** The values read as create params, with the rules they break: read once per change. */
  parsed: ParsedCreateParams;
  /** The cursor in each text field; at the end when not set. */
  cursors: Partial<Record<string, number>>;
  /** Fields changed by hand: their issues show as soon as they are typed. */
  touched: ReadonlySet<string>;
  /** The focused row. */
  focus: number;
  advanced: boolean;
  /** Enter was pressed on a field: every issue shows. */
  submitted: boolean;
  /** The models to choose from; null while unknown (the model is typed then). */
  models: readonly VideoModel[] | null;
  /** The chosen model's details, once read: what its fields offer. */
  details: VideoModel | null;
}

export type FormAction =
  | { type: 'models'; models: readonly VideoModel[] }
  | { type: 'details'; model: VideoModel }
  | { type: 'key'; input: string; key: Partial<Key> };

const rowsOf = (form: 'basic' | 'advanced'): FormRow[] =>
  createFields
    .filter((field) => field.form === form)
    .map((field) => ({ kind: 'field', key: field.key }));

/** The rows in order: the basic fields, the advanced switch, and the advanced fields if open. */
export function formRows(advanced: boolean): FormRow[] {
  return [...rowsOf('basic'), { kind: 'advanced' }, ...(advanced ? rowsOf('advanced') : [])];
}

/** The first rule the field breaks, if any. */
export const issueAt = (state: Pick<FormState, 'parsed'>, key: string) =>
  issueOf(state.parsed.issues, key);

/** The state with new values, read once here. */
function withValues(state: FormState, values: FieldText): FormState {
  return { ...state, values, parsed: parseCreateParams(values) };
}

export function focusedRow(state: FormState): FormRow | undefined {
  return formRows(state.advanced)[state.focus];
}

/** The operation choice that sends none: the API reads it from the inputs. */
export const autoOperation = '';

/** What the chosen model offers for each field it constrains (the operation's own, if narrower). */
const offeredBy: Readonly<
  Record<string, (model: VideoModel, operation: string) => readonly string[]>
> = {
  operation: (model) => (model.operations.length > 0 ? [autoOperation, ...model.operations] : []),
  duration: (model, operation) => (model.byOperation[operation] ?? model).durations.map(String),
  aspect_ratio: (model, operation) => (model.byOperation[operation] ?? model).aspectRatios,
  resolution: (model, operation) => (model.byOperation[operation] ?? model).resolutions,
};

const constrained = Object.keys(offeredBy);

/** The chosen model: its details once read, else its entry of the list. */
export function chosenModel(state: Pick<FormState, 'models' | 'details' | 'values'>) {
  const id = state.values.model;
  if (state.details?.id === id) return state.details;
  return state.models?.find((model) => model.id === id);
}

/** What the chosen model offers for a field, or null to type it freely. */
export function choicesFor(
  key: string,
  state: Pick<FormState, 'models' | 'details' | 'values'>,
): readonly string[] | null {
  const { models, values } = state;
  if (key === 'model') return models && models.length > 0 ? models.map((model) => model.id) : null;
  const model = chosenModel(state);
  const offered = model && offeredBy[key]?.(model, values.operation ?? '');
  return offered && offered.length > 0 ? offered : null;
}

/** For each field the model constrains, a value it offers (the first, unless one is chosen). */
function withOffered(state: FormState): FormState {
  const values: FieldText = { ...state.values };
  for (const key of constrained) {
    const offered = choicesFor(key, { ...state, values });
    if (offered && !offered.includes(values[key] ?? '')) values[key] = offered[0];
  }
  return withValues(state, values);
}

/** A model from the list (the one typed, if listed, else the first). */
function withModel(state: FormState): FormState {
  const ids = state.models?.map((model) => model.id) ?? [];
  if (ids.length === 0) return state;
  const chosen = state.values.model;
  const model = chosen && ids.includes(chosen) ? chosen : ids[0];
  return withOffered(withValues(state, { ...state.values, model }));
}

export function initialForm(values: FieldText): FormState {
  const advanced = createFields.some((field) => field.form === 'advanced' && values[field.key]);
  return {
    values,
    parsed: parseCreateParams(values),
    cursors: {},
    touched: new Set(),
    focus: 0,
    advanced,
    submitted: false,
    models: null,
    details: null,
  };
}

/** Enter: show every issue, and focus the first field at fault (opening advanced if need be). */
function submit(state: FormState): FormState {
  const rows = formRows(true);
  const first = rows.findIndex((row) => row.kind === 'field' && issueAt(state, row.key));
  const row = rows[first];
  if (row?.kind !== 'field') return { ...state, submitted: true };
  const isAdvanced = createFields.some(
    (field) => field.key === row.key && field.form === 'advanced',
  );
  return { ...state, submitted: true, advanced: state.advanced || isAdvanced, focus: first };
}

interface Editing {
  value: string;
  cursor: number;
}

/** Typed text, one character at a time: a chunk of input may mix text and backspaces. */
function insert({ value, cursor }: Editing, input: string): Editing {
  let next = { value, cursor };
  for (const char of input.replace(/[\r\n]+/g, ' ')) {
    if (char === '\u007F' || char === '\b') next = erase(next);
    else if (char >= ' ') {
      next = {
        value: next.value.slice(0, next.cursor) + char + next.value.slice(next.cursor),
        cursor: next.cursor + 1,
      };
    }
  }
  return next;
}

function erase({ value, cursor }: Editing): Editing {
  return cursor === 0
    ? { value, cursor }
    : { value: value.slice(0, cursor - 1) + value.slice(cursor), cursor: cursor - 1 };
}

/** A key typed into a text field: the cursor moves, or the text changes. */
function typeInto(state: FormState, field: string, input: string, key: Partial<Key>): FormState {
  const value = state.values[field] ?? '';
  const now: Editing = {
    value,
    cursor: Math.min(state.cursors[field] ?? value.length, value.length),
  };
  let next = now;
  if (key.leftArrow) next = { value, cursor: Math.max(0, now.cursor - 1) };
  else if (key.rightArrow) next = { value, cursor: Math.min(value.length, now.cursor + 1) };
  else if (key.home) next = { value, cursor: 0 };
  else if (key.end) next = { value, cursor: value.length };
  else if (key.backspace || key.delete) next = erase(now);
  else if (!key.ctrl && !key.meta && !key.tab && !key.return) next = insert(now, input);
  const cursors = { ...state.cursors, [field]: next.cursor };
  if (next.value === value) return { ...state, cursors };
  const touched = new Set([...state.touched, field]);
  return { ...withValues(state, { ...state.values, [field]: next.value }), touched, cursors };
}

function onKey(state: FormState, input: string, key: Partial<Key>): FormState {
  const count = formRows(state.advanced).length;
  if (key.upArrow || (key.shift && key.tab))
    return { ...state, focus: (state.focus + count - 1) % count };
  if (key.downArrow || key.tab) return { ...state, focus: (state.focus + 1) % count };
  const row = focusedRow(state);
  if (row === undefined) return state;
  if (row.kind === 'advanced') {
    const toggles = key.return || input === ' ' || key.leftArrow || key.rightArrow;
    return toggles ? { ...state, advanced: !state.advanced } : state;
  }
  if (key.return) return submit(state);
  const choices = choicesFor(row.key, state);
  if (choices === null) return typeInto(state, row.key, input, key);
  if (!key.leftArrow && !key.rightArrow) return state;
  const at = choices.indexOf(state.values[row.key] ?? '');
  const by = key.leftArrow ? -1 : 1;
  const value = choices[(at + by + choices.length) % choices.length];
  if (row.key !== 'model')
    return withOffered(withValues(state, { ...state.values, [row.key]: value }));
  // Another model: what the last one offered may not be offered; its details will say.
  const values: FieldText = { ...state.values, model: value };
  for (const key of constrained) delete values[key];
  return withModel(withValues(state, values));
}

export function formReducer(state: FormState, action: FormAction): FormState {
  switch (action.type) {
    case 'models':
      return withModel({ ...state, models: action.models });
    case 'details':
      return withOffered({ ...state, details: action.model });
    case 'key':
      return onKey(state, action.input, action.key);
  }
}
