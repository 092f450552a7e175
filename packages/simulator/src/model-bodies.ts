import type { components } from '@lemonvideo/shared';
import type { OperationLimits, SimulatedModel, VideoOperation } from './models';

type Schemas = components['schemas'];

/** The route every video operation is created on. */
const createRoute = '/v1/videos/generations';
const provider = (model: SimulatedModel) => `${model.ownedBy} (simulated)`;
const money = (usd: number) => usd.toFixed(2);
const strings = (values: readonly (string | number)[]) => values.map(String);

/** The simulator's recent success rate of each model, for `recommended_for=video` (assumed figures). */
function successRate(model: SimulatedModel): number {
  let hash = 0;
  for (const char of model.id) hash = (hash * 31 + char.charCodeAt(0)) % 997;
  return 0.9 + (hash % 90) / 1000;
}

function lifecycle(model: SimulatedModel): Schemas['ModelLifecycle'] {
  const { lifecycle: life } = model;
  return {
    stage: life.stage,
    reason: life.reason ?? null,
    replacement_model: life.replacement ?? null,
    released_at: life.releasedAt,
    deprecated_at: life.deprecatedAt ?? null,
    retired_at: life.retiredAt ?? null,
    sunset_at: life.sunsetAt ?? null,
    latest: life.latest === true,
    latest_source: life.latest ? 'auto' : 'none',
    latest_window_days: life.latest ? 90 : null,
  };
}

const badgeTones = {
  latest: 'blue',
  preview: 'slate',
  deprecated: 'amber',
  retired: 'red',
} as const;

function badges(model: SimulatedModel): Schemas['ModelBadge'][] {
  const { stage, latest, replacement } = model.lifecycle;
  const keys = [...(latest ? (['latest'] as const) : []), ...(stage === 'active' ? [] : [stage])];
  const values: Record<string, string> = replacement === undefined ? {} : { replacement };
  return keys.map((key, index) => ({
    key,
    tone: badgeTones[key],
    priority: 10 * (index + 1),
    tooltip: {
      key: `badge.${key}`,
      values,
    },
  }));
}

const commercial: Schemas['ModelCommercial'] = {
  user_charge_policy: 'paid',
  free_reason: null,
  free_until: null,
};

/** What a model's shortest and longest videos cost, at its price per second. */
function pricingSummary(model: SimulatedModel) {
  const lengths = model.durations.filter((duration) => duration > 0);
  return {
    currency: 'USD',
    unit: 'per_second',
    per_second: money(model.pricePerSecond),
    min_price: money(model.pricePerSecond * Math.min(...lengths)),
    max_price: money(model.pricePerSecond * Math.max(...lengths)),
  };
}

/** The model's limits for one operation: its own, narrowed where the operation says so. */
export function limitsOf(
  model: SimulatedModel,
  operation: VideoOperation,
): Required<Pick<OperationLimits, 'durations' | 'resolutions' | 'aspectRatios'>> & OperationLimits {
  const narrower = model.limits?.[operation] ?? {};
  return {
    durations: model.durations,
    resolutions: model.resolutions,
    aspectRatios: model.aspectRatios,
    ...narrower,
  };
}

function requestSummary(model: SimulatedModel): Schemas['RequestFormatSummary'] {
  const rangeLabel = (values: readonly number[]) => {
    const positive = values.filter((value) => value > 0);
    const label = `${Math.min(...positive)}-${Math.max(...positive)} s`;
    return values.includes(-1) ? `${label}, or -1 for the model to choose` : label;
  };
  return {
    public_operations: [...model.operations],
    supported_parameters: [
      'prompt',
      'model',
      'operation',
      'duration',
      'resolution',
      'aspect_ratio',
    ],
    output_formats: [...(model.outputFormats ?? ['mp4'])],
    durations: strings(model.durations),
    durations_label: model.durations.length > 3 ? rangeLabel(model.durations) : null,
    resolutions: strings(model.resolutions),
    resolutions_label: null,
    aspect_ratios: strings(model.aspectRatios),
    aspect_ratios_label: null,
    request_endpoint: createRoute,
    status_mode: 'async_task',
    request_shape_mode: 'unified_video',
    request_endpoint_by_operation: Object.fromEntries(
      model.operations.map((operation) => [operation, createRoute]),
    ),
    operation_constraints: model.operations.map((operation) => {
      const limits = limitsOf(model, operation);
      return {
        operation,
        request_endpoint: createRoute,
        allowed_durations: strings(limits.durations),
        allowed_resolutions: strings(limits.resolutions),
        allowed_aspect_ratios: strings(limits.aspectRatios),
        notes: [...(limits.notes ?? [])],
      };
    }),
  };
}

function recommendedRequest(model: SimulatedModel) {
  const operation = model.operations[0] ?? 'text-to-video';
  const limits = limitsOf(model, operation);
  return {
    model: model.id,
    operation,
    prompt: 'A paper boat drifts down a rainy street',
    ...(operation === 'image-to-video' && { image_url: 'https://example.com/first-frame.png' }),
    ...(limits.durations[0] !== undefined && {
      duration: limits.durations.find((duration) => duration > 0),
    }),
  };
}

/**
 * What the full list and one model's details both say of a model: who it is, and the fields of
 * its `tokenlab` extension that the two shapes share.
 */
function modelCommon(model: SimulatedModel) {
  return {
    id: model.id,
    object: 'model' as const,
    created: model.created,
    owned_by: provider(model),
    tokenlab: {
      aliases: [],
      deliveryAvailability: { verified: true, official: true },
      pricing: { per_second: money(model.pricePerSecond) },
      capabilities: [...model.operations],
      providers: [model.ownedBy],
      max_input_tokens: null,
      max_output_tokens: null,
      category: 'video',
      pricing_unit: 'per_second',
      cache_pricing: null,
      has_complex_pricing: false,
      pricing_summary: pricingSummary(model),
      lifecycle: lifecycle(model),
      commercial,
      badges: badges(model),
    },
  };
}

/** `GET /v1/models/{model}`: the model with its whole `tokenlab` extension, marked as simulated. */
export function modelBody(model: SimulatedModel): Schemas['Model'] {
  const { tokenlab, ...common } = modelCommon(model);
  const summary = requestSummary(model);
  return {
    ...common,
    tokenlab: {
      ...tokenlab,
      supported_operations: [...model.operations],
      pricing_provenance: { source: 'lemonvideo simulator' },
      request_format_summary: summary,
      request_format_details: {
        ...summary,
        documented_inputs: ['prompt', 'image_url', 'reference_images', 'video_url'],
        documented_outputs: ['video_url', 'video'],
        fallback_status_endpoints: ['/v1/tasks/{id}', '/v1/videos/generations/{id}'],
        notes: ['lemonvideo SIMULATOR: not the real API.'],
        recommended_request: recommendedRequest(model),
      },
      accepted_request_formats: [],
    },
  };
}

/** One model of the full list: the list's narrower extension (no request details). */
function modelListItem(model: SimulatedModel, recommended: boolean): Schemas['ModelListItem'] {
  const { tokenlab, ...common } = modelCommon(model);
  return {
    ...common,
    tokenlab: {
      ...tokenlab,
      ...(recommended && {
        agent_preferences: {
          video: {
            ...recommendation(model),
            updated_at: new Date(model.created * 1000).toISOString(),
            basis: { source: 'recent_activity_24h' },
          },
        },
      }),
      request_format_summary: {
        public_operations: [...model.operations],
        request_endpoint: createRoute,
        request_endpoint_by_operation: Object.fromEntries(
          model.operations.map((operation) => [operation, createRoute]),
        ),
      },
    },
  };
}

/** How the simulator recommends a model for `recommended_for=video` (assumed figures). */
function recommendation(model: SimulatedModel) {
  return {
    preferred_rank: null,
    success_rate_24h: successRate(model),
    sample_count_24h: 200,
    status: 'ready' as const,
  };
}

/** One model of the compact list. */
function compactModelListItem(
  model: SimulatedModel,
  recommended: boolean,
): Schemas['CompactModelListItem'] {
  const summary = pricingSummary(model);
  return {
    id: model.id,
    deliveryAvailability: { verified: true, official: true },
    provider: model.ownedBy,
    category: 'video',
    capabilities: [...model.operations],
    max_input_tokens: null,
    max_output_tokens: null,
    pricing: {
      unit: 'per_second',
      currency: 'USD',
      min_price: summary.min_price,
      max_price: summary.max_price,
      has_complex_pricing: false,
    },
    status: model.lifecycle.stage,
    latest: model.lifecycle.latest === true,
    supported_operations: [...model.operations],
    request_endpoint: createRoute,
    ...(recommended && { recommendation: recommendation(model) }),
  };
}

/** The query of `GET /v1/models`, checked. */
export interface ModelQuery {
  readonly category?: string;
  readonly provider?: string;
  readonly tag?: string;
  readonly recommendedFor?: string;
  readonly view: 'full' | 'compact';
}

/**
 * `GET /v1/models`: the models a caller may see, filtered by the query. Every simulated model
 * is a video model; `recommended_for=video` ranks them by their success rate.
 */
export function modelListBody(
  visible: readonly SimulatedModel[],
  query: ModelQuery,
): Schemas['ModelList'] | Schemas['CompactModelList'] {
  const recommended = query.recommendedFor !== undefined;
  let models = visible.filter(
    (model) =>
      model.lifecycle.stage !== 'retired' &&
      (query.category === undefined || query.category === 'video') &&
      (query.recommendedFor === undefined || query.recommendedFor === 'video') &&
      (query.provider === undefined ||
        model.ownedBy.toLowerCase() === query.provider.toLowerCase()) &&
      (query.tag === undefined || model.operations.includes(query.tag as VideoOperation)),
  );
  if (recommended) {
    models = [...models].sort((a, b) => successRate(b) - successRate(a));
  }
  if (query.view === 'compact') {
    const data = models.map((model) => compactModelListItem(model, recommended));
    return { object: 'list', view: 'compact', count: data.length, data };
  }
  return { object: 'list', data: models.map((model) => modelListItem(model, recommended)) };
}

/** `GET /v1/models/{model}/pricing`. */
export function modelPricingBody(model: SimulatedModel): Schemas['ModelPricing'] {
  const summary = pricingSummary(model);
  return {
    model: model.id,
    pricing_unit: 'per_second',
    has_complex_pricing: false,
    supported_operations: [...model.operations],
    pricing_summary: summary,
    pricing_provenance: { source: 'lemonvideo simulator' },
    pricing_details: {
      per_second: summary.per_second,
      by_duration: Object.fromEntries(
        model.durations
          .filter((duration) => duration > 0)
          .map((duration) => [String(duration), money(model.pricePerSecond * duration)]),
      ),
    },
    scalar_pricing: { per_second: summary.per_second },
  };
}
