import type { IncomingMessage } from 'node:http';
import type { components } from '@lemonvideo/shared';
import { bearerToken } from './authorize';
import { apiError, invalidRequest, taskNotFound, taskNotOwned } from './errors';
import type { Route } from './match-route';
import type { LibraryRefusal, MaterialLibrary } from './material-library';
import { materialRefusal } from './material-references';
import { modelBody, modelListBody, modelPricingBody } from './model-bodies';
import { inferOperation, modelRefusal } from './model-checks';
import {
  closestModelId,
  defaultModelId,
  findModel,
  type SimulatedModel,
  videoModels,
} from './models';
import { createQueryReader } from './query-params';
import { maxBodyBytes, readBody } from './read-body';
import type { Reply } from './reply';
import type { SchemaName } from './spec-ajv';
import { type TaskView, taskBody } from './task-body';
import type { TaskStore } from './task-store';
import {
  aliasConflicts,
  type CreateVideoRequest,
  createBodyValidator,
  withAliasesResolved,
} from './validate-request';

type Schemas = components['schemas'];

export type ApiRoute = Extract<Route, { kind: 'api' }>;

/** The request's part in an operation: its body, query, caller and the origin for links. */
export interface OperationRequest {
  readonly req: IncomingMessage;
  readonly query: URLSearchParams;
  /** Scheme and host the client used, e.g. `http://127.0.0.1:4010`. */
  readonly origin: string;
  /** The digest of the caller's key; undefined only on a public route called without a key. */
  readonly owner: string | undefined;
}

export interface OperationsConfig {
  readonly store: TaskStore;
  readonly library: MaterialLibrary;
  /** The models a key's digest may not use. */
  readonly deniedModels: ReadonlyMap<string, ReadonlySet<string>>;
}

/** The operations a caller may use without a key: the catalogue is public. */
export const publicOperations: ReadonlySet<string> = new Set([
  'listModels',
  'retrieveModel',
  'retrieveModelPricing',
]);

/** A refusal of the material library, in the API's envelope. */
const libraryError = ({ status, code, message, param }: LibraryRefusal): Reply =>
  apiError(status, code, param ? `${param}: ${message}` : message, param ? { param } : {});

const answer = <T extends object>(result: T | LibraryRefusal, status = 200): Reply =>
  'refused' in result ? libraryError(result) : { status, body: result };

/** The answer of each operation of the spec, once auth, limits and faults have let it through. */
export function apiOperations({
  store,
  library,
  deniedModels,
}: OperationsConfig): (route: ApiRoute, request: OperationRequest) => Promise<Reply> {
  const validateBody = createBodyValidator();
  const readQuery = createQueryReader();

  const denied = (owner: string | undefined, model: SimulatedModel) =>
    owner !== undefined && (deniedModels.get(owner)?.has(model.id) ?? false);
  const visibleTo = (owner: string | undefined) =>
    videoModels.filter((model) => !denied(owner, model));

  const modelNotFound = (id: string, owner: string | undefined) => {
    const known = findModel(id);
    const retired = known?.lifecycle.stage === 'retired' ? known.lifecycle.replacement : undefined;
    const closest =
      retired ??
      closestModelId(
        id,
        visibleTo(owner).filter((model) => model.lifecycle.stage !== 'retired'),
      );
    return apiError(
      404,
      'model_not_found',
      retired
        ? `The model '${id}' was retired; use ${retired}.`
        : `The model '${id}' does not exist.`,
      {
        param: 'model',
        did_you_mean: closest,
        suggestions: [{ id: closest }],
        hint: 'List the video models with GET /v1/models?category=video.',
      },
    );
  };

  /** The body as JSON, or the answer refusing it (413 over the limit, 400 when not JSON). */
  const jsonBody = async (req: IncomingMessage): Promise<{ value: unknown } | Reply> => {
    const text = await readBody(req);
    if (text === undefined) {
      const message = `The request body is too large (over ${maxBodyBytes} bytes).`;
      return apiError(413, 'payload_too_large', message);
    }
    try {
      return { value: JSON.parse(text) };
    } catch {
      return invalidRequest([
        { field: 'body', message: 'is not valid JSON', code: 'invalid_json' },
      ]);
    }
  };

  /** The body checked against a schema of the spec, or the 400 naming each field at fault. */
  const checkedBody = async <T>(
    req: IncomingMessage,
    schema: Parameters<typeof validateBody>[0],
  ): Promise<{ request: T } | Reply> => {
    const parsed = await jsonBody(req);
    if (!('value' in parsed)) return parsed;
    const check = validateBody<T>(schema, parsed.value);
    return check.ok ? { request: check.body } : invalidRequest(check.issues);
  };

  const createTask = async (req: IncomingMessage, owner: string, view: TaskView) => {
    const checked = await checkedBody<CreateVideoRequest>(req, 'CreateVideoRequest');
    if (!('request' in checked)) return checked;
    const conflicts = aliasConflicts(checked.request);
    if (conflicts.length > 0) return invalidRequest(conflicts);
    const request = withAliasesResolved(checked.request);
    const id = request.model ?? defaultModelId;
    const model = findModel(id);
    if (!model || model.lifecycle.stage === 'retired') return modelNotFound(id, owner);
    if (denied(owner, model)) {
      return apiError(403, 'model_not_allowed', `This API key may not use the model ${model.id}.`, {
        param: 'model',
      });
    }
    const operation = request.operation ?? inferOperation(model, request);
    const refused =
      modelRefusal(model, request, operation) ?? materialRefusal(library, owner, model, request);
    if (refused) return refused;
    const task = store.create(model, { ...request, model: model.id, operation }, owner);
    return { status: 200, body: taskBody(task, store.now(task), view, store.time) };
  };

  const cancelTask = (id: string, owner: string, view: TaskView): Reply => {
    const result = store.cancel(id, owner);
    switch (result.kind) {
      case 'cancelled':
        return {
          status: 200,
          body: taskBody(result.task, store.now(result.task), view, store.time),
        };
      case 'not-found':
        return taskNotFound();
      case 'not-owned':
        return taskNotOwned();
      case 'unsupported':
        return apiError(
          400,
          'unsupported_task_cancel',
          'Cancellation is not supported for this task: only queued tasks of seedance-1.5-pro, seedance-2.0, seedance-2.0-fast and seedance-2.5 can be cancelled.',
        );
      case 'not-cancellable':
        return apiError(
          409,
          'task_not_cancellable',
          'The task is no longer queued and can no longer be cancelled.',
        );
    }
  };

  const getTask = (id: string, owner: string, view: TaskView): Reply => {
    const found = store.findFor(id, owner);
    if (found.kind !== 'found') return found.kind === 'not-owned' ? taskNotOwned() : taskNotFound();
    return { status: 200, body: taskBody(found.task, store.now(found.task), view, store.time) };
  };

  const assetOperation = async (
    route: ApiRoute,
    owner: string,
    query: Readonly<Record<string, string | number>>,
    req: IncomingMessage,
  ): Promise<Reply> => {
    // Read only by the operations that declare these parameters, whose query holds the spec's
    // defaults for the absent ones.
    const project = String(query.project_name);
    const page = {
      pageSize: Number(query.page_size),
      pageToken: query.page_token === undefined ? undefined : String(query.page_token),
    };
    const text = (name: string) => (query[name] === undefined ? undefined : String(query[name]));
    const filters = {
      ...(text('group_id') !== undefined && { groupId: text('group_id') }),
      ...(text('status') !== undefined && { status: text('status') }),
      ...(text('library_type') !== undefined && { libraryType: text('library_type') }),
    };
    /** The body checked against `schema` and answered by `use`; or the 400 refusing it. */
    const withBody = async <Name extends SchemaName & keyof Schemas>(
      schema: Name,
      use: (request: Schemas[Name]) => Reply,
    ): Promise<Reply> => {
      const checked = await checkedBody<Schemas[Name]>(req, schema);
      return 'request' in checked ? use(checked.request) : checked;
    };
    switch (route.operation) {
      case 'createMaterialAsset':
        return withBody('MaterialAssetCreateRequest', (request) =>
          answer(library.createAsset(owner, request), 201),
        );
      case 'listMaterialAssets':
        return answer(library.listAssets(owner, project, filters, page));
      case 'retrieveMaterialAsset':
        return answer(library.retrieveAsset(owner, route.param, project));
      case 'updateMaterialAsset':
        return withBody('MaterialAssetUpdateRequest', (request) =>
          answer(library.updateAsset(owner, route.param, request)),
        );
      case 'deleteMaterialAsset':
        return answer(library.deleteAsset(owner, route.param, project));
      case 'createMaterialAssetGroup':
        return withBody('MaterialAssetGroupCreateRequest', (request) =>
          answer(library.createGroup(owner, request), 201),
        );
      case 'listMaterialAssetGroups':
        return answer(library.listGroups(owner, project, filters, page));
      case 'retrieveMaterialAssetGroup':
        return answer(library.retrieveGroup(owner, route.param, project));
      case 'updateMaterialAssetGroup':
        return withBody('MaterialAssetGroupUpdateRequest', (request) =>
          answer(library.updateGroup(owner, route.param, request)),
        );
      default:
        return answer(library.deleteGroup(owner, route.param, project));
    }
  };

  return async (route, { req, query, origin, owner }) => {
    const read = readQuery(route.operation, query);
    if (!read.ok) return invalidRequest(read.issues);
    const values = read.values;
    if (owner === undefined && !publicOperations.has(route.operation)) {
      throw new Error(`${route.operation} needs a key; the caller should have refused it`);
    }
    const caller = owner as string;
    const view: TaskView = { origin, callerKey: bearerToken(req.headers.authorization) };
    switch (route.operation) {
      case 'createVideoGeneration':
        return createTask(req, caller, view);
      case 'getTask':
      case 'getVideoGeneration':
        return getTask(route.param, caller, view);
      case 'cancelTask':
        return cancelTask(route.param, caller, view);
      case 'listModels':
        return {
          status: 200,
          body: modelListBody(visibleTo(owner), {
            view: values.view === 'compact' ? 'compact' : 'full',
            ...(values.category !== undefined && { category: String(values.category) }),
            ...(values.provider !== undefined && { provider: String(values.provider) }),
            ...(values.tag !== undefined && { tag: String(values.tag) }),
            ...(values.recommended_for !== undefined && {
              recommendedFor: String(values.recommended_for),
            }),
          }),
        };
      case 'retrieveModel':
      case 'retrieveModelPricing': {
        const model = findModel(route.param);
        if (!model) return modelNotFound(route.param, owner);
        const body =
          route.operation === 'retrieveModel' ? modelBody(model) : modelPricingBody(model);
        return { status: 200, body };
      }
      case 'createMaterialAsset':
      case 'listMaterialAssets':
      case 'retrieveMaterialAsset':
      case 'updateMaterialAsset':
      case 'deleteMaterialAsset':
      case 'createMaterialAssetGroup':
      case 'listMaterialAssetGroups':
      case 'retrieveMaterialAssetGroup':
      case 'updateMaterialAssetGroup':
      case 'deleteMaterialAssetGroup':
        return assetOperation(route, caller, values, req);
    }
  };
}
