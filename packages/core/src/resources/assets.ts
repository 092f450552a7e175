import type { components, operations } from '@lemonvideo/shared';
import { assertId } from '../assert-id';
import { type CallOptions, CallTimeout, withCallSignal } from '../call-signal';
import { positiveOption } from '../check-option';
import type { ClientContext } from '../client-context';
import { ConnectionError, LemonVideoError } from '../errors';
import { notAnswerError } from '../to-error';

type Schemas = components['schemas'];
type Query<Operation extends keyof operations> = NonNullable<
  operations[Operation]['parameters']['query']
>;

/** A Seedance material asset (spec: MaterialAsset); usable in a create once `ACTIVE`. */
export type MaterialAsset = Schemas['MaterialAsset'];
/** A group of material assets (spec: MaterialAssetGroup). */
export type MaterialAssetGroup = Schemas['MaterialAssetGroup'];
/** What a delete answers (spec: MaterialDeleted). */
export type MaterialDeleted = Schemas['MaterialDeleted'];
/** The project an asset or group belongs to; default `default`. */
export type MaterialProject = { project_name?: string | undefined };

export interface WaitForAssetsOptions extends MaterialProject {
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal | undefined;
  /** Milliseconds to wait in all; `Infinity` for no limit. Default 300 000 (5 minutes). */
  timeout?: number | undefined;
  /** Milliseconds between two reads of an asset that is not ACTIVE yet. Default 2 000. */
  interval?: number | undefined;
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

/**
 * The Seedance material library (`/v1/videos/assets`): images, videos and audio uploaded once
 * and named in creates by `material_asset_id(s)` or `asset://<id>`. Every call needs a key.
 */
export class Assets {
  readonly #context: ClientContext;

  constructor(context: ClientContext) {
    this.#context = context;
  }

  #call<T>(
    method: Method,
    path: string,
    init: { id?: string; query?: object; body?: object },
    options: CallOptions | undefined,
  ): Promise<T> {
    const { id, query, body } = init;
    if (id !== undefined) assertId(id, 'id');
    return withCallSignal(options, this.#context, async (signal) => {
      const { data, response } = await this.#context.openapi.request(
        method as 'get',
        path as '/v1/videos/assets',
        {
          params: { path: { assetId: id, groupId: id }, query },
          body,
          signal,
        } as never,
      );
      if (typeof data !== 'object') throw notAnswerError('an asset', response.status, data);
      return data as T;
    });
  }

  /**
   * Imports the file at `asset_url` (HTTP 201). The asset starts `PROCESSING`: wait for it
   * with `waitUntilActive` before naming it in a create.
   */
  create(
    body: Schemas['MaterialAssetCreateRequest'],
    options?: CallOptions,
  ): Promise<MaterialAsset> {
    return this.#call('POST', '/v1/videos/assets', { body }, options);
  }

  /** One page of assets; pass its `next_page_token` as `page_token` for the next. */
  list(
    query: Query<'listMaterialAssets'> = {},
    options?: CallOptions,
  ): Promise<Schemas['MaterialAssetList']> {
    return this.#call('GET', '/v1/videos/assets', { query }, options);
  }

  /** One asset; `NotFoundError` when it is not one of this key's organisation. */
  retrieve(id: string, query?: MaterialProject, options?: CallOptions): Promise<MaterialAsset> {
    return this.#call('GET', '/v1/videos/assets/{assetId}', { id, query }, options);
  }

  /** Renames an asset or changes its metadata. */
  update(
    id: string,
    body: Schemas['MaterialAssetUpdateRequest'],
    options?: CallOptions,
  ): Promise<MaterialAsset> {
    return this.#call('PUT', '/v1/videos/assets/{assetId}', { id, body }, options);
  }

  /** Deletes an asset for good; a create naming it afterwards is refused. */
  delete(id: string, query?: MaterialProject, options?: CallOptions): Promise<MaterialDeleted> {
    return this.#call('DELETE', '/v1/videos/assets/{assetId}', { id, query }, options);
  }

  /** A group for virtual-avatar (`aigc_avatar`) assets (HTTP 201). */
  createGroup(
    body: Schemas['MaterialAssetGroupCreateRequest'],
    options?: CallOptions,
  ): Promise<MaterialAssetGroup> {
    return this.#call('POST', '/v1/videos/assets/groups', { body }, options);
  }

  /** One page of asset groups; pass its `next_page_token` as `page_token` for the next. */
  listGroups(
    query: Query<'listMaterialAssetGroups'> = {},
    options?: CallOptions,
  ): Promise<Schemas['MaterialAssetGroupList']> {
    return this.#call('GET', '/v1/videos/assets/groups', { query }, options);
  }

  /** One asset group; `NotFoundError` when it is not one of this key's organisation. */
  retrieveGroup(
    id: string,
    query?: MaterialProject,
    options?: CallOptions,
  ): Promise<MaterialAssetGroup> {
    return this.#call('GET', '/v1/videos/assets/groups/{groupId}', { id, query }, options);
  }

  /** Renames an asset group or changes its description. */
  updateGroup(
    id: string,
    body: Schemas['MaterialAssetGroupUpdateRequest'],
    options?: CallOptions,
  ): Promise<MaterialAssetGroup> {
    return this.#call('PUT', '/v1/videos/assets/groups/{groupId}', { id, body }, options);
  }

  /** Deletes the group and every asset in it, for good. */
  deleteGroup(
    id: string,
    query?: MaterialProject,
    options?: CallOptions,
  ): Promise<MaterialDeleted> {
    return this.#call('DELETE', '/v1/videos/assets/groups/{groupId}', { id, query }, options);
  }

  /**
   * Reads the assets, on the client's clock, until every one is `ACTIVE`; resolves with them in
   * the order of `ids`. What to do after a create's 409 `seedance_material_preparing`: wait for
   * its `inactiveAssetIds`, then send the same create again. Rejects with a `LemonVideoError`
   * naming an asset that `FAILED` (with the library's reason) or was deleted, with a
   * `ConnectionError` (`timeout: true`) after `timeout`, or as `retrieve` does.
   */
  async waitUntilActive(
    ids: string | readonly string[],
    options: WaitForAssetsOptions = {},
  ): Promise<MaterialAsset[]> {
    const { signal, timeout = 300_000, project_name } = options;
    const interval = positiveOption(options.interval, 'interval', 2_000);
    const wanted = typeof ids === 'string' ? [ids] : ids;
    const found: MaterialAsset[] = [];
    const active = (index: number) => found[index]?.status === 'ACTIVE';
    return withCallSignal({ signal, timeout }, this.#context, async (signal) => {
      try {
        for (;;) {
          await Promise.all(
            wanted.map(async (id, index) => {
              if (active(index)) return;
              const asset = await this.retrieve(
                id,
                { project_name },
                { signal, timeout: Infinity },
              );
              if (asset.status === 'FAILED' || asset.status === 'DELETED') {
                throw new LemonVideoError(
                  `The material asset ${id} is ${asset.status}${asset.error_message ? `: ${asset.error_message}` : ''}. Upload the file again as a new asset.`,
                );
              }
              found[index] = asset;
            }),
          );
          if (wanted.every((_, index) => active(index))) return found;
          await this.#context.clock.sleep(interval, signal);
        }
      } catch (error) {
        throw signal.reason instanceof CallTimeout
          ? new ConnectionError(
              `The material assets ${wanted.join(', ')} were not all ACTIVE after ${timeout} ms.`,
              { timeout: true },
            )
          : error;
      }
    });
  }
}
