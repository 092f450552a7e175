import type { components } from '@lemonvideo/shared';
import { assertId } from '../assert-id';
import { type CallOptions, withCallSignal } from '../call-signal';
import type { ClientContext } from '../client-context';
import { notAnswerError } from '../to-error';

type RawModel = components['schemas']['Model'];

/** A model with the vendor's capabilities (`lemondata`, or `tokenlab` since 2026) read out. */
export interface VideoModel {
  id: string;
  ownedBy: string | null;
  category: string | null;
  /** Durations in seconds the model accepts; empty when the API does not say. */
  durations: number[];
  resolutions: string[];
  aspectRatios: string[];
  /** The body as sent. */
  raw: RawModel;
}

export interface ListModelsParams {
  /** Only models of this category. Default `'video'`; `null` lists every model. */
  category?: string | null;
}

function normalizeModel(raw: RawModel): VideoModel {
  const capabilities = raw.tokenlab ?? raw.lemondata ?? {};
  return {
    id: raw.id,
    ownedBy: raw.owned_by ?? null,
    category: capabilities.category ?? null,
    durations: capabilities.durations ?? [],
    resolutions: capabilities.resolutions ?? [],
    aspectRatios: capabilities.aspect_ratios ?? [],
    raw,
  };
}

const isModel = (value: unknown): value is RawModel =>
  typeof (value as RawModel | null)?.id === 'string';

export class Models {
  constructor(private readonly context: ClientContext) {}

  /** The model catalogue, video models by default. */
  async list(params: ListModelsParams = {}, options?: CallOptions): Promise<VideoModel[]> {
    const category = params.category === undefined ? 'video' : params.category;
    return withCallSignal(options, this.context, async (signal) => {
      const { data, response } = await this.context.openapi.GET('/v1/models', {
        params: { query: category === null ? {} : { category } },
        signal,
      });
      if (!Array.isArray(data?.data)) throw notAnswerError('a model', response.status, data);
      return data.data.filter(isModel).map(normalizeModel);
    });
  }

  /** One model; `NotFoundError` (code `model_not_found`) when the id is unknown. */
  async retrieve(id: string, options?: CallOptions): Promise<VideoModel> {
    assertId(id, 'model');
    return withCallSignal(options, this.context, async (signal) => {
      const { data, response } = await this.context.openapi.GET('/v1/models/{model}', {
        params: { path: { model: id } },
        signal,
      });
      if (!isModel(data)) throw notAnswerError('a model', response.status, data);
      return normalizeModel(data);
    });
  }
}
