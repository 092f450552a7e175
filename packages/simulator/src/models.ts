import type { components } from '@lemonvideo/shared';

type ModelBody = components['schemas']['Model'];
type ModelListBody = components['schemas']['ModelList'];

export type VideoMode = 'text-to-video' | 'image-to-video';

/** One simulated video model and the numbers that shape its tasks. */
export interface SimulatedModel {
  readonly id: string;
  /** The vendor, without the simulator mark (the API answer adds it). */
  readonly ownedBy: string;
  /** Unix seconds. */
  readonly created: number;
  readonly modes: readonly VideoMode[];
  /** Accepted durations in seconds; the first is the default. */
  readonly durations: readonly number[];
  /** Accepted resolutions, lowest first; the first is the default. */
  readonly resolutions: readonly string[];
  /** Accepted aspect ratios; the first is the default. */
  readonly aspectRatios: readonly string[];
  /** Whether its tasks report `progress` (some providers never do). */
  readonly reportsProgress: boolean;
  /** Whether a queued task can be cancelled. */
  readonly cancellable: boolean;
  /** How long a task waits in the queue, in ms (min, max). */
  readonly queuedMs: readonly [number, number];
  /** How long generation typically takes at the default duration and resolution, in ms. */
  readonly processingMs: number;
}

/** The catalogue, after the vendor's page: a few models with their real quirks. */
export const videoModels: readonly SimulatedModel[] = [
  {
    id: 'kling-video',
    ownedBy: 'kuaishou',
    created: 1717200000,
    modes: ['text-to-video', 'image-to-video'],
    durations: [5, 10],
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 8_000],
    processingMs: 80_000,
  },
  {
    id: 'veo3.1',
    ownedBy: 'google',
    created: 1760400000,
    modes: ['text-to-video'],
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16'],
    reportsProgress: false,
    cancellable: false,
    queuedMs: [3_000, 10_000],
    processingMs: 65_000,
  },
  {
    id: 'veo3.1-pro',
    ownedBy: 'google',
    created: 1760400000,
    modes: ['text-to-video'],
    durations: [4, 6, 8],
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16'],
    reportsProgress: false,
    cancellable: false,
    queuedMs: [5_000, 15_000],
    processingMs: 140_000,
  },
  {
    id: 'minimax/video-01',
    ownedBy: 'minimax',
    created: 1725100000,
    modes: ['text-to-video', 'image-to-video'],
    durations: [6, 10],
    resolutions: ['720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 12_000],
    processingMs: 90_000,
  },
  {
    id: 'wan2.6-i2v',
    ownedBy: 'alibaba',
    created: 1765000000,
    modes: ['image-to-video'],
    durations: [5, 10],
    resolutions: ['480p', '720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1'],
    reportsProgress: true,
    cancellable: false,
    queuedMs: [2_000, 6_000],
    processingMs: 50_000,
  },
  {
    id: 'seedance-1.0-pro',
    ownedBy: 'bytedance',
    created: 1749500000,
    modes: ['text-to-video', 'image-to-video'],
    durations: [5, 10],
    resolutions: ['480p', '720p', '1080p'],
    aspectRatios: ['16:9', '9:16', '1:1', '4:3', '3:4', '21:9'],
    reportsProgress: true,
    cancellable: true,
    queuedMs: [4_000, 15_000],
    processingMs: 70_000,
  },
];

export function findModel(id: string): SimulatedModel | undefined {
  return videoModels.find((model) => model.id === id);
}

/** The catalogue id closest to `id` (edit distance), for `did_you_mean`. */
export function closestModelId(id: string): string {
  let best = { id: '', distance: Number.POSITIVE_INFINITY };
  for (const model of videoModels) {
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

/** The model as `GET /v1/models/{model}` answers it, marked as simulated. */
export function modelBody(model: SimulatedModel): ModelBody {
  return {
    id: model.id,
    object: 'model',
    created: model.created,
    owned_by: `${model.ownedBy} (simulated)`,
    lemondata: {
      category: 'video',
      durations: [...model.durations],
      resolutions: [...model.resolutions],
      aspect_ratios: [...model.aspectRatios],
    },
  };
}

/** `GET /v1/models`: every model is a video model, so any other category is empty. */
export function modelListBody(category: string | null): ModelListBody {
  const data = category === null || category === 'video' ? videoModels.map(modelBody) : [];
  const extension = category === null ? { total: data.length } : { category, total: data.length };
  return { object: 'list', data, lemondata: extension };
}
