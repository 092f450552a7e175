import type { IncomingMessage } from 'node:http';
import { apiError, invalidRequest, taskNotFound } from './errors';
import type { Route } from './match-route';
import { closestModelId, findModel, modelBody, modelListBody } from './models';
import { maxBodyBytes, readBody } from './read-body';
import type { Reply } from './reply';
import { taskBody } from './task-body';
import type { TaskStore } from './task-store';
import { createRequestValidator, modelIssues } from './validate-request';

export type ApiRoute = Extract<Route, { kind: 'api' }>;

/** The request's part in an operation: its body and the origin for absolute links. */
export interface OperationRequest {
  readonly req: IncomingMessage;
  readonly query: URLSearchParams;
  /** Scheme and host the client used, e.g. `http://127.0.0.1:4010`. */
  readonly origin: string;
}

/** The answer of each operation of the spec, once auth, limits and faults have let it through. */
export function apiOperations(
  store: TaskStore,
): (route: ApiRoute, request: OperationRequest) => Promise<Reply> {
  const validateCreate = createRequestValidator();

  const modelNotFound = (id: string) =>
    apiError(404, 'model_not_found', `The model '${id}' does not exist.`, {
      param: 'model',
      did_you_mean: closestModelId(id),
    });

  const createTask = async ({ req, origin }: OperationRequest): Promise<Reply> => {
    const text = await readBody(req);
    if (text === undefined) {
      const message = `The request body is too large (over ${maxBodyBytes} bytes).`;
      return apiError(413, 'payload_too_large', message);
    }
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return invalidRequest([
        { field: 'body', message: 'is not valid JSON', code: 'invalid_json' },
      ]);
    }
    const check = validateCreate(body);
    if (!check.ok) return invalidRequest(check.issues);
    const model = findModel(check.request.model);
    if (!model) return modelNotFound(check.request.model);
    const issues = modelIssues(model, check.request);
    if (issues.length > 0) return invalidRequest(issues);
    const task = store.create(model, check.request);
    return { status: 200, body: taskBody(task, store.now(task), origin) };
  };

  const cancelTask = (id: string, origin: string): Reply => {
    const result = store.cancel(id);
    switch (result.kind) {
      case 'cancelled':
        return { status: 200, body: taskBody(result.task, store.now(result.task), origin) };
      case 'not-found':
        return taskNotFound();
      case 'unsupported':
        return apiError(
          400,
          'unsupported_task_cancel',
          'Cancellation is not supported for this task.',
        );
      case 'not-cancellable':
        return apiError(
          409,
          'task_not_cancellable',
          'The task is no longer queued and can no longer be cancelled.',
        );
    }
  };

  return async (route, request) => {
    switch (route.operation) {
      case 'createVideoGeneration':
        return createTask(request);
      case 'getTask':
      case 'getVideoGeneration': {
        const task = store.find(route.param);
        if (!task) return taskNotFound();
        return { status: 200, body: taskBody(task, store.now(task), request.origin) };
      }
      case 'cancelTask':
        return cancelTask(route.param, request.origin);
      case 'listModels':
        return { status: 200, body: modelListBody(request.query.get('category')) };
      case 'retrieveModel': {
        const model = findModel(route.param);
        return model ? { status: 200, body: modelBody(model) } : modelNotFound(route.param);
      }
    }
  };
}
