import { createFieldRules, type FieldRule } from '@lemonvideo/core';

/** A create field as this app offers it: in the form, and on the command line of `generate`. */
export interface CreateField {
  /** The create body's field, as the spec names it. */
  readonly key: string;
  /** What the form calls it. */
  readonly label: string;
  /**
   * What the command line calls it: its own flag (`--duration`), else `--param <key>`; the
   * prompt is the argument of `generate`.
   */
  readonly flag: string;
  /** Whether `generate` has a flag of its own for it (the others go through `--param`). */
  readonly named: boolean;
  /** The flag's value in `--help`, e.g. `<seconds>`; `[bool]` for one that may stand alone. */
  readonly placeholder: string;
  /** What it does, for `--help`, with the spec's range or choices. */
  readonly help: string;
  /** Where the form shows it: with the first fields, under Advanced, or not (a flag only). */
  readonly form: 'basic' | 'advanced' | null;
}

const rules = createFieldRules();

/** The fields the form shows, in its order: first the basic ones, then under Advanced. */
const formFields: Readonly<Record<'basic' | 'advanced', readonly string[]>> = {
  basic: ['prompt', 'model', 'operation', 'duration', 'aspect_ratio', 'resolution', 'image'],
  advanced: ['negative_prompt', 'seed', 'fps', 'cfg_scale', 'motion_strength'],
};

/**
 * The fields `generate` has a flag of its own for, in `--help`'s order; every other field of
 * the spec is `--param key=value`, so `--help` stays readable as the spec grows.
 */
const namedFields: readonly string[] = [
  'model',
  'operation',
  'duration',
  'aspect_ratio',
  'resolution',
  'image',
  'image_url',
  'end_image',
  'video_url',
  'audio_url',
  'reference_images',
  'output_audio',
  'negative_prompt',
  'seed',
  'fps',
  'cfg_scale',
  'motion_strength',
  'service_tier',
  'draft',
  'return_last_frame',
];

const formOf = (key: string): CreateField['form'] =>
  formFields.basic.includes(key) ? 'basic' : formFields.advanced.includes(key) ? 'advanced' : null;

/** Labels that are not the field's name in words. */
const labels: Readonly<Record<string, string>> = {
  duration: 'Duration (s)',
  image: 'Image',
  image_url: 'Image',
  fps: 'FPS',
  cfg_scale: 'CFG scale',
};

/** Flags that are not `--` and the field's name. */
const flags: Readonly<Record<string, string>> = {
  prompt: 'the prompt',
  image: '--image',
  image_url: '--image',
  video_url: '--video',
  audio_url: '--audio',
  reference_images: '--reference-image',
  output_audio: '--audio-output',
  return_last_frame: '--last-frame',
};

/** Values in `--help` more telling than the field's type. */
const placeholders: Readonly<Record<string, string>> = {
  prompt: '<prompt>',
  model: '<id>',
  duration: '<seconds>',
  aspect_ratio: '<w:h>',
  resolution: '<res>',
  operation: '<operation>',
  image: '<url|file>',
  image_url: '<url|file>',
  end_image: '<url|file>',
  reference_images: '<url|file>',
  service_tier: '<tier>',
};

/** What the fields the app knows do, for `--help`. */
const purposes: Readonly<Record<string, string>> = {
  prompt: 'what the video shows',
  model: "model id, see lemonvideo models (default: the API's own, which has changed over time)",
  duration: 'length in seconds, one the model offers',
  aspect_ratio: 'width:height, e.g. 16:9, one the model offers',
  resolution: 'e.g. 720p, one the model offers',
  operation: 'what to make, one the model offers; left out, the API reads it from the inputs',
  image: 'first frame: a URL, or an image file sent inline',
  image_url: 'first frame: a URL, or an image file sent inline',
  end_image: 'last frame (start-end-to-video): a URL, or an image file',
  video_url: 'source video URL (video-to-video, motion-control, video-extension)',
  audio_url: 'audio URL (audio-to-video)',
  reference_images: 'a reference image: a URL or an image file (repeat it for more)',
  output_audio: 'generate a soundtrack: true or false (the flag alone: true)',
  service_tier: 'scheduling tier',
  draft: 'a low-cost draft (seedance-1.5-pro)',
  return_last_frame: "also return the video's last frame",
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

/** The value a flag takes, from the field's type. */
function placeholderOf(rule: FieldRule): string {
  if (rule.type === 'boolean') return '[bool]';
  if (rule.type === 'array') return '<list>';
  if (rule.type === 'integer' || rule.type === 'number') return '<n>';
  return rule.format === 'uri' ? '<url>' : '<text>';
}

/** What a field the app does not know is, from its name and type. */
function purposeOf(key: string, rule: FieldRule): string {
  const words = key.replaceAll('_', ' ');
  if (rule.type === 'boolean') return `${words}: true or false (the flag alone: true)`;
  if (rule.type === 'array') return `${words}: items separated by spaces or commas`;
  return `${words}: the API's ${key}`;
}

function fieldOf(key: string, rule: FieldRule): CreateField {
  const words = key.replaceAll('_', ' ');
  const named = namedFields.includes(key);
  return {
    key,
    label: labels[key] ?? `${words[0]?.toUpperCase() ?? ''}${words.slice(1)}`,
    flag: flags[key] ?? (named ? `--${key.replaceAll('_', '-')}` : `--param ${key}`),
    named,
    placeholder: placeholders[key] ?? placeholderOf(rule),
    help: `${purposes[key] ?? purposeOf(key, rule)}${limitsOf(rule)}`,
    form: formOf(key),
  };
}

/**
 * Every create field of the spec, each with its rule from the spec: the form's fields first,
 * in its order, then those with a flag of their own, then the others (`--param`). A field the
 * spec adds needs no change here; one it drops is gone from the form and the flags.
 */
export const createFields: readonly CreateField[] = [
  ...new Set([...formFields.basic, ...formFields.advanced, ...namedFields, ...Object.keys(rules)]),
]
  .filter((key) => rules[key] !== undefined)
  .map((key) => fieldOf(key, rules[key] as FieldRule));

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
