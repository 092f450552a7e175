import type { components, operations } from '@lemonvideo/shared';
import { assertId } from '../assert-id';
import { type CallOptions, withCallSignal } from '../call-signal';
import type { ClientContext } from '../client-context';
import { notAnswerError } from '../to-error';

type RawModel = components['schemas']['Model'] | components['schemas']['ModelListItem'];
type ModelExtension = components['schemas']['ModelExtension'];

/** The categories `GET /v1/models` can filter on (spec: listModels). */
export type ModelCategory = NonNullable<
  NonNullable<operations['listModels']['parameters']['query']>['category']
>;

/** A model with the vendor's extension (`tokenlab`, or `lemondata` from older servers) read out. */
export interface VideoModel {
  id: string;
  ownedBy: string | null;
  category: string | null;
  /**
   * Durations in seconds the model offers (`-1`: the model chooses), from its details'
   * `request_format_summary`; empty when the API does not say, as in the list.
   */
  durations: number[];
  /** Resolutions the model offers, from its details; empty when the API does not say. */
  resolutions: string[];
  /** Aspect ratios the model offers, from its details; empty when the API does not say. */
  aspectRatios: string[];
  /** The body as sent. */
  raw: RawModel;
}

export interface ListModelsParams {
  /** Only models of this category. Default `'video'`; `null` lists every model. */
  category?: ModelCategory | null;
}

function normalizeModel(raw: RawModel): VideoModel {
  const extension: ModelExtension = raw.tokenlab ?? raw.lemondata ?? {};
  const summary = extension.request_format_summary ?? {};
  return {
    id: raw.id,
    ownedBy: raw.owned_by ?? null,
    category: extension.category ?? null,
    durations: (summary.durations ?? []).map(Number),
    resolutions: summary.resolutions ?? [],
    aspectRatios: summary.aspect_ratios ?? [],
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
