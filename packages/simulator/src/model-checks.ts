import { apiError } from './errors';
import { limitsOf } from './model-bodies';
import type { SimulatedModel, VideoOperation } from './models';
import type { Reply } from './reply';
import type { CreateVideoRequest } from './validate-request';

/** The inputs each operation needs, any one of them (`motion-control` needs both groups). */
const neededInputs: Record<VideoOperation, readonly (readonly (keyof CreateVideoRequest)[])[]> = {
  'text-to-video': [],
  'image-to-video': [['image_url', 'image', 'start_image', 'image_urls', 'material_asset_id']],
  'reference-to-video': [
    [
      'reference_images',
      'image_urls',
      'material_asset_id',
      'material_asset_ids',
      'video_urls',
      'audio_urls',
    ],
  ],
  'start-end-to-video': [['end_image'], ['start_image', 'image_url', 'image']],
  'video-to-video': [['video_url', 'video_urls']],
  'video-extension': [['task_id', 'video_url']],
  'audio-to-video': [['audio_url', 'audio_urls']],
  'motion-control': [['image_url', 'image'], ['video_url']],
};

const sent = (request: CreateVideoRequest, field: keyof CreateVideoRequest) =>
  request[field] !== undefined;

/**
 * The operation of a create that names none, as the vendor infers it from the inputs: two
 * frames, then references, then a first frame, a source video, a task to extend, audio.
 */
export function inferOperation(model: SimulatedModel, request: CreateVideoRequest): VideoOperation {
  const inferred = inferFromInputs(model, request);
  // A model with one operation does that one: a missing input is then what is wrong.
  const [only] = model.operations;
  return model.operations.length === 1 && only !== undefined ? only : inferred;
}

function inferFromInputs(model: SimulatedModel, request: CreateVideoRequest): VideoOperation {
  const has = (...fields: (keyof CreateVideoRequest)[]) =>
    fields.some((field) => sent(request, field));
  const offers = (operation: VideoOperation) => model.operations.includes(operation);
  if (has('end_image')) return 'start-end-to-video';
  if (has('video_url') && has('image_url', 'image') && offers('motion-control')) {
    return 'motion-control';
  }
  if (
    has('reference_images', 'material_asset_ids', 'video_urls', 'audio_urls') ||
    (has('image_urls', 'material_asset_id') && offers('reference-to-video'))
  ) {
    return 'reference-to-video';
  }
  if (has('image', 'image_url', 'start_image', 'image_urls', 'material_asset_id')) {
    return 'image-to-video';
  }
  if (has('video_url'))
    return offers('video-extension') && has('task_id') ? 'video-extension' : 'video-to-video';
  if (has('task_id') && offers('video-extension')) return 'video-extension';
  if (has('audio_url')) return 'audio-to-video';
  return 'text-to-video';
}

type Hints = Record<string, unknown>;

interface Issue {
  readonly field: string;
  readonly message: string;
  readonly hints?: Hints;
}

/** 400 naming every issue (the first leads `message` and `param`), with their hints merged. */
function refusal(model: SimulatedModel, issues: readonly Issue[], hints: Hints = {}): Reply {
  const [first] = issues;
  const reply = apiError(
    400,
    'invalid_request_error',
    issues.map(({ field, message }) => `${field}: ${message}`).join('; '),
    {
      param: first?.field ?? null,
      model: model.id,
      ...Object.assign({}, ...issues.map((issue) => issue.hints ?? {})),
      ...hints,
    },
  );
  return {
    ...reply,
    body: {
      ...(reply.body as object),
      validation_errors: issues.map(({ field, message }) => ({
        field,
        message,
        code: 'model_constraint',
      })),
    },
  };
}

const count = (value: unknown) =>
  Array.isArray(value) ? value.length : value === undefined ? 0 : 1;

/**
 * The rules the spec leaves to each model, as the vendor applies them once the body fits the
 * schema: the prompt, the fields a model refuses, its operations and their inputs, how many
 * inputs it takes, and its durations, resolutions and aspect ratios. A refusal is a 400 with
 * the vendor's hint fields (`supported_operations`, `allowed_durations`, ...), as strings.
 */
export function modelRefusal(
  model: SimulatedModel,
  request: CreateVideoRequest,
  operation: VideoOperation,
): Reply | undefined {
  const supported = { supported_operations: [...model.operations] };
  if (model.promptRequired !== false && (request.prompt ?? '').trim() === '') {
    return refusal(model, [{ field: 'prompt', message: `is required by ${model.id}` }]);
  }
  for (const field of model.refuses ?? []) {
    if (request[field as keyof CreateVideoRequest] !== undefined) {
      return refusal(model, [{ field, message: `is not supported by ${model.id}` }]);
    }
  }
  if (request.service_tier === 'flex' && model.flex === false) {
    return refusal(model, [
      { field: 'service_tier', message: `flex is not offered by ${model.id}` },
    ]);
  }
  if (
    request.output_format !== undefined &&
    !model.outputFormats?.includes(request.output_format)
  ) {
    return refusal(model, [
      { field: 'output_format', message: `${model.id} has no output format choice; leave it out` },
    ]);
  }
  if (request.kling_elements !== undefined) {
    if (model.id !== 'kling-3.0-video') {
      return refusal(model, [
        { field: 'kling_elements', message: 'are taken by kling-3.0-video only' },
      ]);
    }
    if (request.output_audio === true) {
      return refusal(model, [
        { field: 'output_audio', message: 'cannot be true together with kling_elements' },
      ]);
    }
  }
  if (request.draft === true && request.draft_task_id !== undefined) {
    return refusal(model, [
      { field: 'draft', message: 'cannot be sent together with draft_task_id' },
    ]);
  }
  if (
    (request.draft === true || request.draft_task_id !== undefined) &&
    model.id !== 'seedance-1.5-pro'
  ) {
    const field = request.draft === true ? 'draft' : 'draft_task_id';
    return refusal(model, [{ field, message: 'is for seedance-1.5-pro only' }]);
  }
  if (!model.operations.includes(operation)) {
    const message = `${model.id} does not offer ${operation} (it offers ${model.operations.join(', ')})`;
    return refusal(model, [{ field: 'operation', message }], supported);
  }
  for (const group of neededInputs[operation]) {
    if (!group.some((field) => sent(request, field))) {
      const message = `is required for ${operation} (send ${group.join(' or ')})`;
      return refusal(model, [{ field: group[0] as string, message }], supported);
    }
  }
  const limits = limitsOf(model, operation);
  const inputs = model.maxInputs ?? { images: 9, videos: 3, audios: 3 };
  const images =
    count(request.image_urls) + count(request.reference_images) + count(request.material_asset_ids);
  const maxImages = limits.maxImages ?? inputs.images;
  if (images > maxImages) {
    const field = request.reference_images
      ? 'reference_images'
      : request.image_urls
        ? 'image_urls'
        : 'material_asset_ids';
    const message = `${model.id} takes at most ${maxImages} images for ${operation} (got ${images})`;
    return refusal(model, [{ field, message }]);
  }
  if (count(request.video_urls) > inputs.videos) {
    return refusal(model, [
      { field: 'video_urls', message: `${model.id} takes at most ${inputs.videos} videos` },
    ]);
  }
  if (count(request.audio_urls) > inputs.audios) {
    return refusal(model, [
      { field: 'audio_urls', message: `${model.id} takes at most ${inputs.audios} audio files` },
    ]);
  }
  const offered = [
    ['duration', request.duration, limits.durations, 'allowed_durations', ' seconds'],
    ['resolution', request.resolution, limits.resolutions, 'allowed_resolutions', ''],
    ['aspect_ratio', request.aspect_ratio, limits.aspectRatios, 'allowed_aspect_ratios', ''],
  ] as const;
  const issues: Issue[] = [];
  for (const [field, value, allowed, hint, unit] of offered) {
    if (value === undefined || (allowed as readonly unknown[]).includes(value)) continue;
    const message =
      allowed.length === 0
        ? `${model.id} takes no ${field} for ${operation}; leave it out`
        : `${model.id} offers ${allowed.join(', ')}${unit} for ${operation} (got ${value})`;
    issues.push({ field, message, hints: { [hint]: allowed.map(String) } });
  }
  return issues.length > 0 ? refusal(model, issues, supported) : undefined;
}
