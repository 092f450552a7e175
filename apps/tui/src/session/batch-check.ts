import { type LemonVideo, modelIssues, NotFoundError, type VideoModel } from '@lemonvideo/core';
import type { BatchLine, LineIssue } from './batch-input';

/**
 * What each line asks of its model that the model's details say it does not offer (core's
 * `modelIssues`: the operation, duration, resolution or aspect ratio, a retired model), and the
 * lines whose model the API does not know: the checks `videos.create` makes before it sends,
 * made for every line before the batch sends anything. Each model's details are read once
 * (`client.models.details`, kept by `client`, so the batch's creates read them from there). A
 * line without a model (the API's default) is not checked; details that cannot be read for
 * another reason (network, 5xx) check nothing, and `onUnreadable` hears why, once a model.
 */
export async function modelLineIssues(
  client: LemonVideo,
  lines: readonly BatchLine[],
  onUnreadable: (model: string, error: unknown) => void,
): Promise<LineIssue[]> {
  const ids = [...new Set(lines.map((line) => line.params.model).filter(isModelId))];
  const details = new Map<string, VideoModel | 'unknown' | 'unreadable'>();
  await Promise.all(
    ids.map(async (id) => {
      try {
        details.set(id, await client.models.details(id));
      } catch (error) {
        const unknown = error instanceof NotFoundError && error.code === 'model_not_found';
        details.set(id, unknown ? 'unknown' : 'unreadable');
        if (!unknown) onUnreadable(id, error);
      }
    }),
  );
  const issues: LineIssue[] = [];
  for (const line of lines) {
    const id = line.params.model;
    const model = isModelId(id) ? details.get(id) : undefined;
    if (model === 'unknown') {
      issues.push({ line: line.line, field: 'model', message: `${id} is not a model of the API` });
    } else if (model !== undefined && model !== 'unreadable') {
      for (const found of modelIssues(model, line.params))
        issues.push({ line: line.line, ...found });
    }
  }
  return issues;
}

const isModelId = (id: unknown): id is string => typeof id === 'string' && id !== '';
