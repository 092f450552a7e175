import type { components } from '@lemonvideo/shared';

/** An operation of the API (`text-to-video`, `image-to-video`, ...): the spec's `VideoOperation`. */
export type VideoOperation = components['schemas']['VideoOperation'];
/** An aspect ratio the API names (`16:9`, `adaptive`, ...): the spec's `AspectRatio`. */
export type AspectRatio = components['schemas']['AspectRatio'];
/** A resolution the API names (`480p` to `4k`): the spec's `Resolution`. */
export type Resolution = components['schemas']['Resolution'];
/** Where a model is in its life (`active`, `deprecated`, `retired`, ...): the spec's `ModelLifecycle.stage`. */
export type LifecycleStage = components['schemas']['ModelLifecycle']['stage'];

/** What one operation of a model takes, where it is narrower than the model (vendor: `operation_constraints`). */
export interface OperationLimits {
  /** Durations in seconds; empty: the operation takes none (leave `duration` out). */
  readonly durations?: readonly number[];
  /** Its resolutions, where fewer than the model's. */
  readonly resolutions?: readonly Resolution[];
  /** Its aspect ratios, where fewer than the model's. */
  readonly aspectRatios?: readonly AspectRatio[];
  /** At most this many reference images. */
  readonly maxImages?: number;
  /** Sentences the model's details show for the operation (vendor: `operation_constraints[].notes`). */
  readonly notes?: readonly string[];
}

/** One simulated video model: what it offers and the numbers that shape its tasks. */
export interface SimulatedModel {
  /** The model id a create names (`veo3.1`, `minimax/video-01`). */
  readonly id: string;
  /** The provider, as `owned_by` without the simulator mark (the API answer adds it). */
  readonly ownedBy: string;
  /** Unix seconds. */
  readonly created: number;
  /** The operations it offers; a create that infers or names another one is refused. */
  readonly operations: readonly VideoOperation[];
  /** Accepted durations in seconds, ascending (`-1`: the model chooses). */
  readonly durations: readonly number[];
  /** Accepted resolutions, lowest first. */
  readonly resolutions: readonly Resolution[];
  /** Accepted aspect ratios. */
  readonly aspectRatios: readonly AspectRatio[];
  /** What a create that leaves a choice out gets. Default: the first positive duration, the first resolution and ratio. */
  readonly defaults?: {
    readonly duration?: number;
    readonly resolution?: Resolution;
    readonly aspectRatio?: AspectRatio;
  };
  /** Per-operation limits, narrower than the model's. */
  readonly limits?: Partial<Record<VideoOperation, OperationLimits>>;
  /**
   * Where it is in its life, as the details' `lifecycle` says it: dates are ISO strings, an
   * absent one is null there; `replacement` is the model to use instead, `reason` why, and
   * `latest` marks the newest of its family.
   */
  readonly lifecycle: {
    readonly stage: LifecycleStage;
    readonly releasedAt: string;
    readonly deprecatedAt?: string;
    readonly sunsetAt?: string;
    readonly retiredAt?: string;
    readonly replacement?: string;
    readonly reason?: string;
    readonly latest?: boolean;
  };
  /** Default true: the model refuses a create without a prompt. */
  readonly promptRequired?: boolean;
  /** Image, video and audio inputs it takes in all. Default 9, 3 and 3 (the vendor's shared limits). */
  readonly maxInputs?: {
    readonly images: number;
    readonly videos: number;
    readonly audios: number;
  };
  /** Create fields this model refuses when sent (the vendor: "rejected where unsupported"). */
  readonly refuses?: readonly string[];
  /** Whether it offers `service_tier: flex`. Default true. */
  readonly flex?: boolean;
  /** The containers `output_format` may ask for; without it the model refuses the field. */
  readonly outputFormats?: readonly ('mp4' | 'mov')[];
  /** Whether it reads Seedance material assets (`material_asset_id(s)`, `asset://`). */
  readonly materialLibrary?: boolean;
  /** Whether its tasks report `progress` (some providers never do). */
  readonly reportsProgress: boolean;
  /** Whether a queued task can be cancelled. */
  readonly cancellable: boolean;
  /** How long a task waits in the queue, in ms (min, max). */
  readonly queuedMs: readonly [number, number];
  /** How long generation typically takes at the default duration and resolution, in ms. */
  readonly processingMs: number;
  /** US dollars per second of video (the simulator's figures). */
  readonly pricePerSecond: number;
}

const range = (from: number, to: number, step = 1) =>
  Array.from({ length: Math.floor((to - from) / step) + 1 }, (_, i) => from + i * step);

const allRatios: readonly AspectRatio[] = ['adaptive', '16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];
const fixedRatios: readonly AspectRatio[] = ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'];
const seedanceRefusals = ['frames', 'camera_fixed'];
/** vendor: Seedance makes 5 s at 720p, adaptive, when a create leaves them out. */
const seedanceDefaults = { duration: 5, resolution: '720p', aspectRatio: 'adaptive' } as const;

/** What the models of one family share, spread into each of them. */
const families = {
  /** What every Veo model shares. Assumed: 720p and 1080p (Veo's own); no progress reported. */
  veo: {
    ownedBy: 'google',
    created: 1760400000,
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16'],
    reportsProgress: false,
    cancellable: false,
  },
  /** What every Kling model shares (assumed). */
  kling: {
    ownedBy: 'kling',
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 8_000],
  },
  /**
   * What every Seedance 2 model shares. vendor: its operations, -1, no flex, frames or
   * camera_fixed, material library, cancellable while queued; durations -1 and 4..15 follow the
   * vendor's Volc-compatible schema for seedance-2.0.
   */
  seedance2: {
    ownedBy: 'bytedance',
    operations: [
      'text-to-video',
      'image-to-video',
      'start-end-to-video',
      'reference-to-video',
      'video-to-video',
      'video-extension',
    ],
    durations: [-1, ...range(4, 15)],
    defaults: seedanceDefaults,
    aspectRatios: allRatios,
    refuses: seedanceRefusals,
    flex: false,
    materialLibrary: true,
    reportsProgress: true,
    cancellable: true,
  },
  /** What both MiniMax models share (assumed). */
  minimax: {
    ownedBy: 'minimax',
    operations: ['text-to-video', 'image-to-video'],
    durations: [6, 10],
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    reportsProgress: true,
    cancellable: false,
  },
  /** What both Wan 2.6 models share (assumed). */
  wan26: {
    ownedBy: 'alibaba',
    created: 1765000000,
    durations: [5, 10],
    resolutions: ['480p', '720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    lifecycle: { stage: 'active', releasedAt: '2025-12-06T00:00:00.000Z' },
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 6_000],
  },
} satisfies Record<string, Partial<SimulatedModel>>;

/**
 * A slice of the vendor's catalogue, one model or more per provider family. Operations,
 * durations, resolutions, ratios and rules marked "vendor" come from the vendor's docs and
 * contract; every other value is the simulator's assumption, chosen to be plausible (the
 * vendor publishes no static catalogue: its docs send you to the live one).
 */
export const videoModels: readonly SimulatedModel[] = [
  {
    // vendor: the documented default model of the API today; examples use 4, 5 and 8 s, 720p,
    // 16:9 and 9:16, references with reference_image_type. Assumed: 6 s and 1080p (Veo's own).
    ...families.veo,
    id: 'veo3.1',
    operations: ['text-to-video', 'image-to-video', 'reference-to-video'],
    durations: [4, 5, 6, 8],
    lifecycle: { stage: 'active', releasedAt: '2025-10-15T00:00:00.000Z', latest: true },
    queuedMs: [3_000, 10_000],
    processingMs: 65_000,
    pricePerSecond: 0.4,
  },
  {
    // vendor: the id; assumed: a faster Veo 3.1 without references.
    ...families.veo,
    id: 'veo3.1-fast',
    operations: ['text-to-video', 'image-to-video'],
    durations: [4, 6, 8],
    lifecycle: { stage: 'active', releasedAt: '2025-10-15T00:00:00.000Z' },
    queuedMs: [2_000, 6_000],
    processingMs: 40_000,
    pricePerSecond: 0.15,
  },
  {
    // Not in the vendor's current docs (an older page listed it): retired here, replaced by veo3.1.
    ...families.veo,
    id: 'veo3.1-pro',
    operations: ['text-to-video'],
    durations: [4, 6, 8],
    lifecycle: {
      stage: 'retired',
      releasedAt: '2025-10-15T00:00:00.000Z',
      deprecatedAt: '2026-03-01T00:00:00.000Z',
      retiredAt: '2026-06-01T00:00:00.000Z',
      replacement: 'veo3.1',
      reason: 'Folded into veo3.1.',
    },
    queuedMs: [5_000, 15_000],
    processingMs: 140_000,
    pricePerSecond: 0.75,
  },
  {
    // vendor: the id (OpenAI Sora); assumed: Sora 2's own 4, 8 and 12 s at 720p.
    id: 'sora-2',
    ownedBy: 'openai',
    created: 1759500000,
    operations: ['text-to-video', 'image-to-video'],
    durations: [4, 8, 12],
    resolutions: ['720p'],
    aspectRatios: ['16:9', '9:16'],
    lifecycle: { stage: 'active', releasedAt: '2025-10-01T00:00:00.000Z' },
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 10_000],
    processingMs: 120_000,
    pricePerSecond: 0.1,
  },
  {
    // vendor: the id; assumed: its values (kept from the simulator's first catalogue).
    ...families.kling,
    id: 'kling-video',
    created: 1717200000,
    operations: ['text-to-video', 'image-to-video'],
    durations: [5, 10],
    lifecycle: { stage: 'active', releasedAt: '2024-06-01T00:00:00.000Z' },
    processingMs: 80_000,
    pricePerSecond: 0.07,
  },
  {
    // vendor: kling_elements (only this model), silent by default, never output_audio with
    // elements. Assumed: durations, resolutions, ratios.
    ...families.kling,
    id: 'kling-3.0-video',
    created: 1769900000,
    operations: ['text-to-video', 'image-to-video'],
    durations: [5, 10],
    lifecycle: { stage: 'active', releasedAt: '2026-02-01T00:00:00.000Z', latest: true },
    processingMs: 90_000,
    pricePerSecond: 0.1,
  },
  {
    // vendor: motion-control from image_url and video_url, 720p in its example. Assumed: the rest.
    ...families.kling,
    id: 'kling-3.0-motion-control',
    created: 1769900000,
    operations: ['motion-control'],
    durations: [5, 10],
    lifecycle: { stage: 'active', releasedAt: '2026-02-01T00:00:00.000Z' },
    processingMs: 90_000,
    pricePerSecond: 0.1,
  },
  {
    // vendor: the id. Assumed: extensions up to a minute in steps of 5 s.
    ...families.kling,
    id: 'kling-video-extend',
    created: 1735700000,
    operations: ['video-extension'],
    durations: range(5, 60, 5),
    lifecycle: { stage: 'active', releasedAt: '2025-01-01T00:00:00.000Z' },
    promptRequired: false,
    processingMs: 100_000,
    pricePerSecond: 0.07,
  },
  {
    // vendor: 480p..4k, adaptive first, 9/3/3 inputs.
    ...families.seedance2,
    id: 'seedance-2.0',
    created: 1770000000,
    resolutions: ['480p', '720p', '1080p', '4k'],
    lifecycle: { stage: 'active', releasedAt: '2026-02-01T00:00:00.000Z', latest: true },
    queuedMs: [4_000, 15_000],
    processingMs: 70_000,
    pricePerSecond: 0.2,
  },
  {
    // vendor: as seedance-2.0, but 480p and 720p only.
    ...families.seedance2,
    id: 'seedance-2.0-fast',
    created: 1770000000,
    resolutions: ['480p', '720p'],
    lifecycle: { stage: 'active', releasedAt: '2026-02-01T00:00:00.000Z' },
    queuedMs: [3_000, 10_000],
    processingMs: 45_000,
    pricePerSecond: 0.1,
  },
  {
    // vendor: 30 images, 10 videos, 10 audio inputs, mp4 or mov, no seed, audio references
    // without a prompt; its newer docs list it as cancellable (the contract's list predates
    // it). Assumed: durations, resolutions.
    ...families.seedance2,
    id: 'seedance-2.5',
    created: 1777000000,
    resolutions: ['480p', '720p', '1080p', '4k'],
    lifecycle: { stage: 'preview', releasedAt: '2026-05-01T00:00:00.000Z', latest: true },
    promptRequired: false,
    maxInputs: { images: 30, videos: 10, audios: 10 },
    refuses: ['seed', ...families.seedance2.refuses],
    outputFormats: ['mp4', 'mov'],
    queuedMs: [4_000, 15_000],
    processingMs: 80_000,
    pricePerSecond: 0.25,
  },
  {
    // vendor: the draft workflow, -1, no frames, cancellable while queued. Assumed: 4..12 s,
    // 480p..1080p, flex offered.
    id: 'seedance-1.5-pro',
    ownedBy: 'bytedance',
    created: 1765500000,
    operations: ['text-to-video', 'image-to-video', 'start-end-to-video'],
    durations: [-1, ...range(4, 12)],
    resolutions: ['480p', '720p', '1080p'],
    defaults: seedanceDefaults,
    aspectRatios: allRatios,
    lifecycle: { stage: 'active', releasedAt: '2025-12-15T00:00:00.000Z' },
    refuses: ['frames'],
    materialLibrary: true,
    reportsProgress: true,
    cancellable: true,
    queuedMs: [4_000, 15_000],
    processingMs: 70_000,
    pricePerSecond: 0.15,
  },
  {
    // Not in the vendor's current docs: deprecated here, replaced by seedance-1.5-pro. Its
    // tasks cannot be cancelled (the vendor names only the newer Seedance models).
    id: 'seedance-1.0-pro',
    ownedBy: 'bytedance',
    created: 1749500000,
    operations: ['text-to-video', 'image-to-video'],
    durations: [5, 10],
    resolutions: ['480p', '720p', '1080p'],
    aspectRatios: fixedRatios,
    lifecycle: {
      stage: 'deprecated',
      releasedAt: '2025-06-10T00:00:00.000Z',
      deprecatedAt: '2026-01-15T00:00:00.000Z',
      sunsetAt: '2027-01-15T00:00:00.000Z',
      replacement: 'seedance-1.5-pro',
      reason: 'Superseded by Seedance 1.5 Pro.',
    },
    refuses: seedanceRefusals,
    reportsProgress: true,
    cancellable: false,
    queuedMs: [4_000, 15_000],
    processingMs: 70_000,
    pricePerSecond: 0.1,
  },
  {
    // vendor: image-to-video, 6 s (its example also says 768p, outside the vendor's own
    // resolution enum: 720p and 1080p here). Assumed: text-to-video, 10 s, ratios.
    ...families.minimax,
    id: 'hailuo-2.3-standard',
    created: 1761900000,
    lifecycle: { stage: 'active', releasedAt: '2025-10-28T00:00:00.000Z' },
    queuedMs: [2_000, 10_000],
    processingMs: 85_000,
    pricePerSecond: 0.05,
  },
  {
    // vendor: the id (an id with a slash). Assumed: its values.
    ...families.minimax,
    id: 'minimax/video-01',
    created: 1725100000,
    lifecycle: { stage: 'active', releasedAt: '2024-09-01T00:00:00.000Z' },
    queuedMs: [2_000, 12_000],
    processingMs: 90_000,
    pricePerSecond: 0.05,
  },
  {
    // vendor: the id, image-to-video only. Assumed: its values.
    ...families.wan26,
    id: 'wan2.6-i2v',
    operations: ['image-to-video'],
    processingMs: 50_000,
    pricePerSecond: 0.05,
  },
  {
    // vendor: the id. Assumed: Wan's audio-driven generation (audio-to-video) and its values.
    ...families.wan26,
    id: 'wan-2.6',
    operations: ['text-to-video', 'image-to-video', 'audio-to-video'],
    processingMs: 55_000,
    pricePerSecond: 0.06,
  },
  {
    // Assumed id and values: Runway's image-to-video model (the vendor names the family only).
    id: 'runway-gen4-turbo',
    ownedBy: 'runway',
    created: 1743500000,
    operations: ['image-to-video'],
    durations: [5, 10],
    resolutions: ['720p'],
    aspectRatios: fixedRatios,
    lifecycle: { stage: 'active', releasedAt: '2025-04-01T00:00:00.000Z' },
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 8_000],
    processingMs: 45_000,
    pricePerSecond: 0.05,
  },
  {
    // Assumed id and values: Luma's Ray 2 (the vendor names the family only).
    id: 'luma-ray-2',
    ownedBy: 'luma',
    created: 1737000000,
    operations: ['text-to-video', 'image-to-video', 'start-end-to-video'],
    durations: [5, 9],
    resolutions: ['720p', '1080p'],
    aspectRatios: fixedRatios,
    lifecycle: { stage: 'active', releasedAt: '2025-01-15T00:00:00.000Z' },
    reportsProgress: false,
    cancellable: false,
    queuedMs: [2_000, 10_000],
    processingMs: 75_000,
    pricePerSecond: 0.08,
  },
  {
    // vendor: start-end-to-video at 5 s, 720p, 16:9 in its example. Assumed: the rest.
    id: 'viduq2-pro',
    ownedBy: 'vidu',
    created: 1760000000,
    operations: ['text-to-video', 'image-to-video', 'start-end-to-video', 'reference-to-video'],
    durations: [4, 5, 8],
    defaults: { duration: 5 },
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    lifecycle: { stage: 'active', releasedAt: '2025-10-09T00:00:00.000Z' },
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 8_000],
    processingMs: 60_000,
    pricePerSecond: 0.06,
  },
  {
    // vendor: reference-to-video with at most 7 images and 10 s; video-to-video from a video_url
    // without duration, resolution or aspect ratio. Assumed: the rest.
    id: 'grok-imagine-video',
    ownedBy: 'xai',
    created: 1767200000,
    operations: ['text-to-video', 'image-to-video', 'reference-to-video', 'video-to-video'],
    durations: [6, 10, 15],
    resolutions: ['480p', '720p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    defaults: { resolution: '720p' },
    lifecycle: { stage: 'active', releasedAt: '2026-01-01T00:00:00.000Z' },
    limits: {
      'reference-to-video': {
        durations: [6, 10],
        maxImages: 7,
        notes: ['At most 7 images, 10 s.'],
      },
      'video-to-video': {
        durations: [],
        resolutions: [],
        aspectRatios: [],
        notes: [
          'Send a public .mp4 video_url and a prompt; leave duration, resolution and ratio out.',
        ],
      },
    },
    reportsProgress: false,
    cancellable: false,
    queuedMs: [2_000, 8_000],
    processingMs: 55_000,
    pricePerSecond: 0.05,
  },
  {
    // Assumed id and values: Higgsfield's image-to-video model (the vendor names the family only).
    id: 'higgsfield-dop',
    ownedBy: 'higgsfield',
    created: 1746000000,
    operations: ['image-to-video'],
    durations: [5],
    resolutions: ['720p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    lifecycle: { stage: 'active', releasedAt: '2025-05-01T00:00:00.000Z' },
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 8_000],
    processingMs: 50_000,
    pricePerSecond: 0.06,
  },
];

/** The model the API uses when a create names none (the vendor's current default). */
export const defaultModelId = 'veo3.1';

export function findModel(id: string): SimulatedModel | undefined {
  return videoModels.find((model) => model.id === id);
}

/** The duration a task gets when its create leaves the choice to the model (none, or `-1`). */
export function defaultDuration(model: SimulatedModel): number {
  return model.defaults?.duration ?? model.durations.find((duration) => duration > 0) ?? 5;
}

/** The resolution a task gets when its create names none. */
export function defaultResolution(model: SimulatedModel): Resolution {
  return model.defaults?.resolution ?? model.resolutions[0] ?? '720p';
}

/** The aspect ratio a task gets when its create names none. */
export function defaultAspectRatio(model: SimulatedModel): AspectRatio {
  return model.defaults?.aspectRatio ?? model.aspectRatios[0] ?? '16:9';
}

/** The catalogue id closest to `id` (edit distance), among the ids a caller may see. */
export function closestModelId(id: string, among: readonly SimulatedModel[] = videoModels): string {
  let best = { id: '', distance: Number.POSITIVE_INFINITY };
  for (const model of among) {
    const distance = editDistance(id.toLowerCase(), model.id);
    if (distance < best.distance) best = { id: model.id, distance };
  }
  return best.id;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
