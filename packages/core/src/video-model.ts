import type { components } from '@lemonvideo/shared';

type Schemas = components['schemas'];
/** A model as the API sends it: in its details, its full list or its compact list. */
export type RawModel =
  | Schemas['Model']
  | Schemas['ModelListItem']
  | Schemas['CompactModelListItem'];
type Loose = Record<string, unknown>;

/** What a model (or one of its operations) offers; an empty list: the API does not say. */
export interface ModelOffer {
  /** Durations in seconds (`-1`: the model chooses), read from the API's strings (`"5"` → 5). */
  durations: number[];
  /** E.g. `720p`. */
  resolutions: string[];
  /** E.g. `16:9`, `adaptive`. */
  aspectRatios: string[];
}

/** Where a model is in its life (spec: ModelLifecycle); dates are ISO strings, or null. */
export interface ModelLifecycle {
  /** `active`, `preview`, `deprecated` (still works; see `replacement`) or `retired`. */
  stage: string;
  /** The model to use instead, when the API names one. */
  replacement: string | null;
  releasedAt: string | null;
  deprecatedAt: string | null;
  retiredAt: string | null;
  /** When a deprecated model is due to stop working. */
  sunsetAt: string | null;
}

/**
 * A model with the vendor's extension (`tokenlab`, or `lemondata` from older servers) read
 * out. Its own `durations`, `resolutions` and `aspectRatios` are those across its operations
 * (the details' `request_format_summary`); `byOperation` narrows them per operation
 * (`operation_constraints`).
 */
export interface VideoModel extends ModelOffer {
  id: string;
  /** The provider (`owned_by`, or the compact list's `provider`), e.g. `google`. */
  ownedBy: string | null;
  category: string | null;
  /** The operations it offers (`supported_operations`, else its capability tags). */
  operations: string[];
  /** What each operation offers, where the API says (`operation_constraints`). */
  byOperation: Record<string, ModelOffer>;
  /** Null when the API sends no lifecycle. */
  lifecycle: ModelLifecycle | null;
  /**
   * The pricing summary as sent (`pricing_summary`, or the compact list's `pricing`): open-ended,
   * prices as decimal strings in US dollars, e.g. `{ currency: 'USD', unit: 'per_second', ... }`.
   */
  pricing: Loose | null;
  /**
   * True when read from the model's details (`models.retrieve`). A model of `models.list` has
   * no durations, resolutions or aspect ratios: the API's list does not carry them.
   */
  detailed: boolean;
  /** The body as sent. */
  raw: RawModel;
}

const strings = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((item) => typeof item === 'string') : [];

/** What `summary` offers; its lists are named `durations` or, per operation, `allowed_durations`. */
function offerOf(summary: Loose, prefix = ''): ModelOffer {
  return {
    durations: strings(summary[`${prefix}durations`])
      .map(Number.parseFloat)
      .filter(Number.isFinite),
    resolutions: strings(summary[`${prefix}resolutions`]),
    aspectRatios: strings(summary[`${prefix}aspect_ratios`]),
  };
}

/**
 * Reads a model in any shape the API sends: the details or either list, the extension under
 * `tokenlab` or `lemondata` (the compact list has its fields at the top).
 */
export function normalizeModel(raw: RawModel, detailed: boolean): VideoModel {
  const item = raw as Loose;
  // The compact list's fields are the model's own; the others' are under the extension.
  const extension = (item.tokenlab ?? item.lemondata ?? item) as Loose;
  const summary = (extension.request_format_summary ?? {}) as Loose;
  const life = extension.lifecycle as Schemas['ModelLifecycle'] | undefined;
  const stage = life?.stage ?? item.status;
  const byOperation: Record<string, ModelOffer> = {};
  for (const each of (summary.operation_constraints ?? []) as Loose[]) {
    byOperation[each.operation as string] = offerOf(each, 'allowed_');
  }
  const operations = strings(extension.supported_operations);
  return {
    id: raw.id,
    ownedBy: (item.owned_by ?? item.provider ?? null) as string | null,
    category: (extension.category ?? null) as string | null,
    operations: operations[0] ? operations : strings(extension.capabilities),
    ...offerOf(summary),
    byOperation,
    lifecycle:
      typeof stage === 'string'
        ? {
            stage,
            replacement: life?.replacement_model ?? null,
            releasedAt: life?.released_at ?? null,
            deprecatedAt: life?.deprecated_at ?? null,
            retiredAt: life?.retired_at ?? null,
            sunsetAt: life?.sunset_at ?? null,
          }
        : null,
    pricing: (extension.pricing_summary ?? item.pricing ?? null) as Loose | null,
    detailed,
    raw,
  };
}

export const isModel = (value: unknown): value is RawModel =>
  typeof (value as RawModel | null)?.id === 'string';
