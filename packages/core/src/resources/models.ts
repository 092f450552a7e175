import type { components, operations } from '@lemonvideo/shared';
import { assertId } from '../assert-id';
import { type CallOptions, withCallSignal } from '../call-signal';
import type { ClientContext } from '../client-context';
import { NotFoundError, RequestValidationError } from '../errors';
import { modelIssues } from '../model-issues';
import type { CreateVideoParams } from '../task';
import { notAnswerError } from '../to-error';
import { isModel, normalizeModel, type VideoModel } from '../video-model';

type Schemas = components['schemas'];
/** The query of `GET /v1/models` (spec: listModels). */
type ListModelsQuery = NonNullable<operations['listModels']['parameters']['query']>;

/** The categories `GET /v1/models` can filter on (spec: listModels). */
export type ModelCategory = NonNullable<ListModelsQuery['category']>;

/** What `client.models.list` filters on and how the API answers (spec: listModels' query). */
export interface ListModelsParams {
  /** Only models of this category. Default `'video'`; `null` lists every model. */
  category?: ModelCategory | null;
  /** Only models of this provider, e.g. `google`. Default: any. */
  provider?: string | undefined;
  /** Only models with this capability tag, e.g. `image-to-video`. Default: any. */
  tag?: string | undefined;
  /** Only models recommended for this kind of task, best first. Default: no ranking. */
  recommendedFor?: ListModelsQuery['recommended_for'];
  /** `full` (the default) or `compact`, the API's flat shortlist; both read the same here. */
  view?: ListModelsQuery['view'];
}

/** The model's pricing (spec: ModelPricing): open-ended objects, prices in US dollars. */
export type ModelPricing = Schemas['ModelPricing'];

export class Models {
  /** Each model's details, once fetched or while being fetched (so concurrent creates share one read). */
  readonly #details = new Map<string, Promise<VideoModel>>();
  /** The deprecated models a warning has been given for. */
  readonly #warned = new Set<string>();

  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  /**
   * The public catalogue, video models by default; no key needed (a key filters it to the
   * models it may use). Its items carry no durations, resolutions or aspect ratios (the API's
   * list does not): `details(id)` has them.
   */
  async list(params: ListModelsParams = {}, options?: CallOptions): Promise<VideoModel[]> {
    const { category = 'video', recommendedFor, ...rest } = params;
    return withCallSignal(options, this.#context, async (signal) => {
      const { data, response } = await this.#context.openapi.GET('/v1/models', {
        params: {
          query: { category: category ?? undefined, recommended_for: recommendedFor, ...rest },
        },
        signal,
      });
      if (!Array.isArray(data?.data)) throw notAnswerError('a model list', response.status, data);
      return (data.data as unknown[]).filter(isModel).map((raw) => normalizeModel(raw, false));
    });
  }

  /**
   * One model with its details, asked of the API every time (and kept for `details`); no key
   * needed. `NotFoundError` (code `model_not_found`, see `didYouMean`) when the id is unknown.
   */
  async retrieve(id: string, options?: CallOptions): Promise<VideoModel> {
    const model = await this.#read('/v1/models/{model}', id, options, (data, status) => {
      if (!isModel(data)) throw notAnswerError('a model', status, data);
      return normalizeModel(data, true);
    });
    this.#details.set(id, Promise.resolve(model));
    return model;
  }

  /**
   * One model with its details, fetched once per client and kept: what forms and the checks
   * before a create read. Calls while it is being fetched share that one request; a failed
   * fetch is not kept. Throws as `retrieve` does.
   */
  details(id: string, options?: CallOptions): Promise<VideoModel> {
    let found = this.#details.get(id);
    if (found === undefined) {
      const fetching = this.retrieve(id, options);
      found = fetching;
      this.#details.set(id, fetching);
      fetching.catch(() => {
        if (this.#details.get(id) === fetching) this.#details.delete(id);
      });
    }
    return found;
  }

  /** What one model costs (`GET /v1/models/{model}/pricing`); no key needed. */
  pricing(id: string, options?: CallOptions): Promise<ModelPricing> {
    return this.#read('/v1/models/{model}/pricing', id, options, (data, status) => {
      if (typeof data !== 'object') throw notAnswerError('a price list', status, data);
      return data as ModelPricing;
    });
  }

  /** Reads `path` for the model `id`; `answer` turns what the API sent into the result, or throws. */
  async #read<T>(
    path: '/v1/models/{model}' | '/v1/models/{model}/pricing',
    id: string,
    options: CallOptions | undefined,
    answer: (data: unknown, status: number) => T,
  ): Promise<T> {
    assertId(id, 'model');
    return withCallSignal(options, this.#context, async (signal) => {
      const { data, response } = await this.#context.openapi.GET(path, {
        params: { path: { model: id } },
        signal,
      });
      return answer(data, response.status);
    });
  }

  /**
   * The checks of a create against its model's details (see `LemonVideoOptions.checkModels`):
   * a `RequestValidationError` for what the model does not offer or a retired model, the
   * `NotFoundError` of an unknown one, a warning for a deprecated one. Details that cannot be
   * fetched for another reason (network, 5xx) do not hold the create back.
   */
  async check(params: CreateVideoParams, signal: AbortSignal): Promise<void> {
    const { model: id } = params;
    if (!this.#context.checkModels || id === undefined) return;
    let model: VideoModel;
    try {
      model = await this.details(id, { signal, timeout: Infinity });
    } catch (error) {
      if (signal.aborted || (error instanceof NotFoundError && error.code === 'model_not_found'))
        throw error;
      return;
    }
    const issues = modelIssues(model, params);
    if (issues[0]) throw new RequestValidationError(issues);
    const replacement = model.lifecycle?.replacement;
    if (model.lifecycle?.stage === 'deprecated' && !this.#warned.has(id)) {
      this.#warned.add(id);
      this.#context.onWarning(
        `The model ${id} is deprecated${replacement ? `: use ${replacement}` : ''}${model.lifecycle.sunsetAt ? ` (it stops working ${model.lifecycle.sunsetAt.slice(0, 10)})` : ''}.`,
        model,
      );
    }
  }
}
