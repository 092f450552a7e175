import type { ValidationIssue } from './errors';
import type { CreateVideoParams } from './task';
import { aliasedValue, shown } from './validate-params';
import type { VideoModel } from './video-model';

/**
 * What a create asks of `model` that its details say it does not offer: the operation, then
 * the duration, resolution and aspect ratio (of the operation, when the create names one and
 * the details narrow it, else of the model), each with the values allowed, as the API's 400
 * hints give them; and a retired model, with its replacement. A list the details leave empty
 * checks nothing: this is never stricter than the API.
 */
export function modelIssues(model: VideoModel, params: CreateVideoParams): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const { id, lifecycle } = model;
  if (lifecycle?.stage === 'retired') {
    const use = lifecycle.replacement ? `; use ${lifecycle.replacement}` : '';
    issues.push({ field: 'model', message: `${id} is retired${use}` });
  }
  const operation = params.operation;
  const offer = (operation && model.byOperation[operation]) || model;
  const oneOf = (field: string, value: unknown, allowed: readonly unknown[]) => {
    if (value !== undefined && allowed[0] !== undefined && !allowed.includes(value)) {
      issues.push({
        field,
        message: `must be one of ${allowed.join(', ')} for ${id}${field === 'operation' || !operation ? '' : ` ${operation}`} (got ${shown(value)})`,
      });
    }
  };
  oneOf('operation', operation, model.operations);
  oneOf('duration', aliasedValue(params, 'duration'), offer.durations);
  oneOf('resolution', params.resolution, offer.resolutions);
  oneOf('aspect_ratio', aliasedValue(params, 'aspect_ratio'), offer.aspectRatios);
  return issues;
}
