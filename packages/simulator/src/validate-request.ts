import type { components } from '@lemonvideo/shared';
import type { ErrorObject } from 'ajv/dist/2020.js';
import type { ValidationIssue } from './errors';
import type { SimulatedModel } from './models';
import { createSpecAjv, fieldOf, schemaKey } from './spec-ajv';

export type CreateVideoRequest = components['schemas']['CreateVideoRequest'];

export type RequestCheck =
  | { readonly ok: true; readonly request: CreateVideoRequest & { model: string } }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/**
 * Checks a create body against the spec's CreateVideoRequest and fills in its defaults (the
 * model). Extra fields pass, as the spec allows.
 */
export function createRequestValidator(): (body: unknown) => RequestCheck {
  const validate = createSpecAjv({ useDefaults: true }).getSchema(schemaKey('CreateVideoRequest'));
  if (!validate) throw new Error('spec: components.schemas.CreateVideoRequest is missing');
  return (body) =>
    validate(body)
      ? { ok: true, request: body as CreateVideoRequest & { model: string } }
      : { ok: false, issues: (validate.errors ?? []).map(issueOf) };
}

function issueOf(error: ErrorObject): ValidationIssue {
  const custom =
    error.keyword === 'pattern' ? error.parentSchema?.['x-pattern-message'] : undefined;
  return {
    field: fieldOf(error),
    message: typeof custom === 'string' ? custom : (error.message ?? 'is invalid'),
    code: error.keyword,
  };
}

/** The rules the spec leaves to each model: its durations, resolutions, ratios and inputs. */
export function modelIssues(model: SimulatedModel, request: CreateVideoRequest): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const oneOf = (field: string, value: unknown, allowed: readonly (string | number)[]) => {
    if (value === undefined || allowed.includes(value as string | number)) return;
    issues.push({
      field,
      message: `must be one of ${allowed.join(', ')} for ${model.id}`,
      code: 'enum',
    });
  };
  oneOf('duration', request.duration, model.durations);
  oneOf('resolution', request.resolution, model.resolutions);
  oneOf('aspect_ratio', request.aspect_ratio, model.aspectRatios);
  const hasImage = request.image_url !== undefined || request.start_image !== undefined;
  if (!model.modes.includes('text-to-video') && !hasImage) {
    issues.push({
      field: 'image_url',
      message: `is required: ${model.id} only turns an image into video (send image_url or start_image)`,
      code: 'required',
    });
  }
  return issues;
}
