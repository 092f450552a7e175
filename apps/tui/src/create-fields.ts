import {
  type CreateVideoParams,
  createVideoRequestRules,
  defaultModel,
  type ValidationIssue,
  validationIssues,
} from '@lemonvideo/core';

interface CreateField {
  /** The create body's field. */
  readonly key: string;
  /** What the form calls it. */
  readonly label: string;
  /** What the command line calls it (the prompt is the argument of `generate`). */
  readonly flag: string;
  /** The flag's value in `--help`, e.g. `<seconds>`. */
  readonly placeholder: string;
  /** What it does, for `--help`; the spec's range is added to it. */
  readonly help: string;
  readonly advanced: boolean;
}

/** The create fields this app offers, in the form's order; their rules come from the spec. */
export const createFields = [
  {
    key: 'prompt',
    label: 'Prompt',
    flag: 'the prompt',
    placeholder: '<prompt>',
    help: 'what the video shows',
    advanced: false,
  },
  {
    key: 'model',
    label: 'Model',
    flag: '--model',
    placeholder: '<id>',
    help: `model id, see lemonvideo models (the API's default: ${defaultModel})`,
    advanced: false,
  },
  {
    key: 'duration',
    label: 'Duration (s)',
    flag: '--duration',
    placeholder: '<seconds>',
    help: 'length in seconds, one the model offers',
    advanced: false,
  },
  {
    key: 'aspect_ratio',
    label: 'Aspect ratio',
    flag: '--aspect-ratio',
    placeholder: '<w:h>',
    help: 'width:height, e.g. 16:9, one the model offers',
    advanced: false,
  },
  {
    key: 'resolution',
    label: 'Resolution',
    flag: '--resolution',
    placeholder: '<res>',
    help: 'e.g. 720p, one the model offers',
    advanced: false,
  },
  {
    key: 'image_url',
    label: 'Start image URL',
    flag: '--image',
    placeholder: '<url>',
    help: 'start image, for image-to-video',
    advanced: false,
  },
  {
    key: 'negative_prompt',
    label: 'Negative prompt',
    flag: '--negative-prompt',
    placeholder: '<text>',
    help: 'what the video should avoid',
    advanced: true,
  },
  {
    key: 'seed',
    label: 'Seed',
    flag: '--seed',
    placeholder: '<n>',
    help: 'random seed, for reproducible results',
    advanced: true,
  },
  {
    key: 'fps',
    label: 'FPS',
    flag: '--fps',
    placeholder: '<n>',
    help: 'frames per second',
    advanced: true,
  },
  {
    key: 'cfg_scale',
    label: 'CFG scale',
    flag: '--cfg-scale',
    placeholder: '<n>',
    help: 'how closely to follow the prompt',
    advanced: true,
  },
  {
    key: 'motion_strength',
    label: 'Motion strength',
    flag: '--motion-strength',
    placeholder: '<n>',
    help: 'how much moves',
    advanced: true,
  },
] as const satisfies readonly CreateField[];

export type FieldKey = (typeof createFields)[number]['key'];

/** What was typed, per field; an empty or missing text means "not sent". */
export type FieldText = Partial<Record<FieldKey, string>>;

export interface CheckedParams {
  params: CreateVideoParams;
  /** The first broken rule per field, e.g. `fps: 'must be between 1 and 120 (got 500)'`. */
  issues: Partial<Record<FieldKey, string>>;
}

const rules = createVideoRequestRules.properties;
const integerText = /^[+-]?\d+$/;
const numberText = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** The typed text as the spec's type: a number only when the whole text is one. */
function typedValue(key: FieldKey, text: string): unknown {
  const { type } = rules[key];
  if (type === 'integer') return integerText.test(text) ? Number(text) : text;
  if (type === 'number') return numberText.test(text) ? Number(text) : text;
  return text;
}

/**
 * Create params from typed text, checked against the spec's rules. A number that does not
 * parse is passed on as text, so the spec's rule names it (`must be an integer (got "12abc")`).
 */
export function checkParams(text: FieldText): CheckedParams {
  const body: Record<string, unknown> = { prompt: text.prompt ?? '' };
  for (const { key } of createFields) {
    const typed = text[key]?.trim();
    if (key !== 'prompt' && typed) body[key] = typedValue(key, typed);
  }
  const issues: CheckedParams['issues'] = {};
  for (const issue of validationIssues(body, createVideoRequestRules)) {
    const key = fieldOf(issue.path);
    if (key) issues[key] ??= issue.message;
  }
  return { params: body as CreateVideoParams, issues };
}

function fieldOf(path: string): FieldKey | undefined {
  const top = path.split('.')[0];
  return createFields.find((field) => field.key === top)?.key;
}

/** `cfg_scale` → `--cfg-scale`: what a person typed, for an issue the spec or the API names. */
export function flagOf(path: string): string {
  const key = fieldOf(path);
  return createFields.find((field) => field.key === key)?.flag ?? path;
}

/** One line naming each flag and the rule it breaks. */
export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${flagOf(issue.path)} ${issue.message}`).join('; ');
}

/** The spec's range of a field, e.g. ` (1 to 120)`, for help texts. */
export function rangeOf(key: FieldKey): string {
  const rule = rules[key];
  return 'minimum' in rule && 'maximum' in rule ? ` (${rule.minimum} to ${rule.maximum})` : '';
}
