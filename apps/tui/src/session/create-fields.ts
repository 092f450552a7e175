import { createVideoRequestRules, defaultModel } from '@lemonvideo/core';

/** A create field as this app offers it: in the form, and as a flag of `generate`. */
export interface CreateField {
  /** The create body's field, as the spec names it. */
  readonly key: string;
  /** What the form calls it. */
  readonly label: string;
  /** What the command line calls it (the prompt is the argument of `generate`). */
  readonly flag: string;
  /** The flag's value in `--help`, e.g. `<seconds>`; `[bool]` for one that may stand alone. */
  readonly placeholder: string;
  /** What it does, for `--help`, with the spec's range or choices. */
  readonly help: string;
  /** Where the form shows it: with the first fields, under Advanced, or not (a flag only). */
  readonly form: 'basic' | 'advanced' | null;
}

/** The subset of a spec rule that says how a field is typed. */
interface FieldRule {
  readonly type?: string;
  readonly enum?: readonly unknown[];
  readonly minimum?: number;
  readonly maximum?: number;
  readonly format?: string;
  readonly items?: FieldRule;
}

const rules: Readonly<Record<string, FieldRule>> = createVideoRequestRules.properties;

/** The fields this app words itself, in the form's order. */
const worded: readonly Omit<CreateField, 'help'>[] = [
  { key: 'prompt', label: 'Prompt', flag: 'the prompt', placeholder: '<prompt>', form: 'basic' },
  { key: 'model', label: 'Model', flag: '--model', placeholder: '<id>', form: 'basic' },
  {
    key: 'duration',
    label: 'Duration (s)',
    flag: '--duration',
    placeholder: '<seconds>',
    form: 'basic',
  },
  {
    key: 'aspect_ratio',
    label: 'Aspect ratio',
    flag: '--aspect-ratio',
    placeholder: '<w:h>',
    form: 'basic',
  },
  {
    key: 'resolution',
    label: 'Resolution',
    flag: '--resolution',
    placeholder: '<res>',
    form: 'basic',
  },
  {
    key: 'image_url',
    label: 'Start image URL',
    flag: '--image',
    placeholder: '<url>',
    form: 'basic',
  },
  {
    key: 'negative_prompt',
    label: 'Negative prompt',
    flag: '--negative-prompt',
    placeholder: '<text>',
    form: 'advanced',
  },
  { key: 'seed', label: 'Seed', flag: '--seed', placeholder: '<n>', form: 'advanced' },
  { key: 'fps', label: 'FPS', flag: '--fps', placeholder: '<n>', form: 'advanced' },
  {
    key: 'cfg_scale',
    label: 'CFG scale',
    flag: '--cfg-scale',
    placeholder: '<n>',
    form: 'advanced',
  },
  {
    key: 'motion_strength',
    label: 'Motion strength',
    flag: '--motion-strength',
    placeholder: '<n>',
    form: 'advanced',
  },
];

/** What the worded fields do, for `--help`. */
const purpose: Readonly<Record<string, string>> = {
  prompt: 'what the video shows',
  model: `model id, see lemonvideo models (the API's default: ${defaultModel})`,
  duration: 'length in seconds, one the model offers',
  aspect_ratio: 'width:height, e.g. 16:9, one the model offers',
  resolution: 'e.g. 720p, one the model offers',
  image_url: 'start image, for image-to-video',
  negative_prompt: 'what the video should avoid',
  seed: 'random seed, for reproducible results',
  fps: 'frames per second',
  cfg_scale: 'how closely to follow the prompt',
  motion_strength: 'how much moves',
};

/** The spec's range or choices of a field, e.g. ` (1 to 120)`, for help texts. */
function limitsOf(rule: FieldRule): string {
  if (rule.enum !== undefined) return ` (one of ${rule.enum.join(', ')})`;
  if (rule.minimum !== undefined && rule.maximum !== undefined) {
    return ` (${rule.minimum} to ${rule.maximum})`;
  }
  return '';
}

/** A field the spec has and this app does not word: named after its key. */
function fromSpec(key: string, rule: FieldRule): CreateField {
  const words = key.replaceAll('_', ' ');
  const placeholder =
    rule.type === 'boolean'
      ? '[bool]'
      : rule.type === 'array'
        ? '<list>'
        : rule.type === 'integer' || rule.type === 'number'
          ? '<n>'
          : rule.format === 'uri'
            ? '<url>'
            : '<text>';
  const what =
    rule.type === 'boolean'
      ? 'true or false (the flag alone: true)'
      : rule.type === 'array'
        ? 'items separated by spaces or commas'
        : `the API's ${key}`;
  return {
    key,
    label: `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`,
    flag: `--${key.replaceAll('_', '-')}`,
    placeholder,
    help: `${words}: ${what}${limitsOf(rule)}`,
    form: null,
  };
}

/**
 * Every create field of the spec: the ones this app words first, in the form's order, then
 * any other the spec has, as a flag named after it. The rules of each come from the spec.
 */
export const createFields: readonly CreateField[] = [
  ...worded
    .filter(({ key }) => rules[key] !== undefined)
    .map((field) => ({
      ...field,
      help: `${purpose[field.key]}${limitsOf(rules[field.key] as FieldRule)}`,
    })),
  ...Object.entries(rules)
    .filter(([key]) => !worded.some((field) => field.key === key))
    .map(([key, rule]) => fromSpec(key, rule)),
];

/** What was typed, by field; an empty or missing text means "not sent". */
export type FieldText = Partial<Record<string, string>>;

/** How a face names a field at fault: `reference_images.1` → `--reference-images (item 2)`. */
function namer(name: (field: CreateField) => string): (path: string) => string {
  return (path) => {
    const [key, ...rest] = path.split('.');
    const field = createFields.find((each) => each.key === key);
    if (field === undefined) return path;
    const [index] = rest;
    return index !== undefined && /^\d+$/.test(index)
      ? `${name(field)} (item ${Number(index) + 1})`
      : name(field);
  };
}

/** `cfg_scale` → `--cfg-scale`: a field as the command line calls it. */
export const flagOf = namer((field) => field.flag);

/** `cfg_scale` → `CFG scale`: a field as the form calls it. */
export const labelOf = namer((field) => field.label);

/** The first rule a field breaks, among issues that name it or one of its items. */
export function issueOf(
  issues: readonly { field: string; message: string }[],
  key: string,
): string | undefined {
  return issues.find((issue) => issue.field.split('.')[0] === key)?.message;
}
