import type { components } from '@lemonvideo/shared';
import { type Random, randomToken } from './random';
import type { SimulatedClock } from './simulated-clock';

type Schemas = components['schemas'];
export type MaterialAsset = Schemas['MaterialAsset'];
export type MaterialAssetGroup = Schemas['MaterialAssetGroup'];
type LibraryType = Schemas['MaterialLibraryType'];
type AssetType = Schemas['MaterialAssetType'];

/** Query markers on an `asset_url` that steer what the simulated library does with it. */
const assetUrlMarkers = {
  /** Refused at once: 400 (422 on update) `seedance_material_source_invalid`. */
  invalid: 'simulate=invalid',
  /** Accepted, then `FAILED` when processing ends. */
  fail: 'simulate=fail',
} as const;

/** The vendor's example of a permanent source failure. */
const sourceRuleMessage = 'Image width must be between 300px and 6000px.';

interface AssetRecord {
  readonly id: string;
  readonly owner: string;
  readonly projectName: string;
  readonly groupId: string;
  readonly libraryType: LibraryType;
  assetName: string | null;
  assetType: AssetType;
  assetUrl: string;
  metadata: Record<string, unknown> | null;
  /** Simulated Unix ms. */
  readonly createdAt: number;
  /** Simulated Unix ms processing of the current source started. */
  processingFrom: number;
  updatedAt: number;
  deletedAt?: number;
}

interface GroupRecord {
  readonly id: string;
  readonly owner: string;
  readonly projectName: string;
  readonly libraryType: LibraryType;
  groupName: string | null;
  description: string | null;
  metadata: Record<string, unknown> | null;
  readonly createdAt: number;
  updatedAt: number;
  deletedAt?: number;
}

/** Why the library refused a request: the answer's status, code, message and field. */
export interface LibraryRefusal {
  readonly refused: true;
  readonly status: 400 | 404 | 409 | 422;
  readonly code: string;
  readonly message: string;
  readonly param?: string;
}

const refuse = (
  status: LibraryRefusal['status'],
  code: string,
  message: string,
  param?: string,
): LibraryRefusal => ({ refused: true, status, code, message, ...(param && { param }) });

const notFound = (what: 'asset' | 'group') =>
  refuse(404, 'not_found_error', `Seedance material ${what} not found or not accessible.`);

export interface AssetPage {
  readonly pageSize: number;
  readonly pageToken?: string | undefined;
}

/**
 * The Seedance material library of every key, on the simulated clock: an asset is
 * `PROCESSING` for `processingMs` after its upload (or a new source), then `ACTIVE`, or
 * `FAILED` when its URL asks for it. Assets and groups belong to the digest of the key that
 * made them and to a project.
 */
export class MaterialLibrary {
  readonly #assets = new Map<string, AssetRecord>();
  readonly #groups = new Map<string, GroupRecord>();

  constructor(
    private readonly clock: SimulatedClock,
    private readonly random: Random,
    private readonly processingMs: number,
  ) {}

  /** `asset-YYYYMMDDHHMMSS-xxxxx` (or `group-...`), from the wall clock like the vendor's. */
  #newId(prefix: 'asset' | 'group'): string {
    const stamp = new Date(this.clock.wallTime(this.clock.now()))
      .toISOString()
      .replace(/\D/g, '')
      .slice(0, 14);
    let id: string;
    do id = `${prefix}-${stamp}-${randomToken(this.random, 5)}`;
    while (this.#assets.has(id) || this.#groups.has(id));
    return id;
  }

  #wall(ms: number): number {
    return Math.floor(this.clock.wallTime(ms));
  }

  #status(asset: AssetRecord): MaterialAsset['status'] {
    if (asset.deletedAt !== undefined) return 'DELETED';
    if (this.clock.now() - asset.processingFrom < this.processingMs) return 'PROCESSING';
    return asset.assetUrl.includes(assetUrlMarkers.fail) ? 'FAILED' : 'ACTIVE';
  }

  #assetBody(asset: AssetRecord): MaterialAsset {
    const status = this.#status(asset);
    return {
      id: asset.id,
      object: 'seedance.material_asset',
      group_id: asset.groupId,
      project_name: asset.projectName,
      library_type: asset.libraryType,
      asset_name: asset.assetName,
      asset_type: asset.assetType,
      status,
      ready: status === 'ACTIVE',
      error_message: status === 'FAILED' ? sourceRuleMessage : null,
      metadata: asset.metadata,
      created_at: this.#wall(asset.createdAt),
      updated_at: this.#wall(
        status === 'PROCESSING'
          ? asset.updatedAt
          : Math.max(asset.updatedAt, asset.processingFrom + this.processingMs),
      ),
    };
  }

  #groupBody(group: GroupRecord): MaterialAssetGroup {
    return {
      id: group.id,
      object: 'seedance.material_asset_group',
      library_type: group.libraryType,
      project_name: group.projectName,
      group_name: group.groupName,
      description: group.description,
      status: group.deletedAt === undefined ? 'ACTIVE' : 'DELETED',
      metadata: group.metadata,
      created_at: this.#wall(group.createdAt),
      updated_at: this.#wall(group.updatedAt),
    };
  }

  #ownAsset(owner: string, id: string, projectName: string): AssetRecord | undefined {
    const asset = this.#assets.get(id);
    return asset?.owner === owner && asset.projectName === projectName ? asset : undefined;
  }

  #ownGroup(owner: string, id: string, projectName: string): GroupRecord | undefined {
    const group = this.#groups.get(id);
    return group?.owner === owner && group.projectName === projectName && !group.deletedAt
      ? group
      : undefined;
  }

  /** The organisation's default virtual-avatar group of a project, made on first use. */
  #defaultGroup(owner: string, projectName: string): GroupRecord {
    for (const group of this.#groups.values()) {
      if (
        group.owner === owner &&
        group.projectName === projectName &&
        group.groupName === 'Default virtual avatars' &&
        !group.deletedAt
      ) {
        return group;
      }
    }
    return this.#addGroup(owner, {
      group_name: 'Default virtual avatars',
      project_name: projectName,
    });
  }

  #addGroup(owner: string, request: Schemas['MaterialAssetGroupCreateRequest']): GroupRecord {
    const now = this.clock.now();
    const group: GroupRecord = {
      id: this.#newId('group'),
      owner,
      projectName: request.project_name ?? 'default',
      libraryType: request.library_type ?? 'aigc_avatar',
      groupName: request.group_name ?? null,
      description: request.description ?? null,
      metadata: request.metadata ?? null,
      createdAt: now,
      updatedAt: now,
    };
    this.#groups.set(group.id, group);
    return group;
  }

  createAsset(
    owner: string,
    request: Schemas['MaterialAssetCreateRequest'],
  ): MaterialAsset | LibraryRefusal {
    const projectName = request.project_name ?? 'default';
    const libraryType = request.library_type ?? 'aigc_avatar';
    if (request.asset_url.includes(assetUrlMarkers.invalid)) {
      return refuse(400, 'seedance_material_source_invalid', sourceRuleMessage, 'asset_url');
    }
    let group: GroupRecord | undefined;
    if (request.group_id === undefined) {
      if (libraryType === 'liveness_face') {
        return refuse(
          400,
          'invalid_request_error',
          'is required for liveness_face materials.',
          'group_id',
        );
      }
      group = this.#defaultGroup(owner, projectName);
    } else {
      group = this.#ownGroup(owner, request.group_id, projectName);
      if (!group)
        return refuse(400, 'invalid_request_error', 'names no group of this project.', 'group_id');
      if (group.libraryType !== libraryType) {
        return refuse(400, 'invalid_request_error', `is a ${group.libraryType} group.`, 'group_id');
      }
    }
    const now = this.clock.now();
    const asset: AssetRecord = {
      id: this.#newId('asset'),
      owner,
      projectName,
      groupId: group.id,
      libraryType,
      assetName: request.asset_name ?? null,
      assetType: request.asset_type ?? 'Image',
      assetUrl: request.asset_url,
      metadata: request.metadata ?? null,
      createdAt: now,
      processingFrom: now,
      updatedAt: now,
    };
    this.#assets.set(asset.id, asset);
    return this.#assetBody(asset);
  }

  listAssets(
    owner: string,
    projectName: string,
    filter: { groupId?: string; status?: string; libraryType?: string },
    page: AssetPage,
  ): Schemas['MaterialAssetList'] {
    const matching = [...this.#assets.values()]
      .filter((asset) => asset.owner === owner && asset.projectName === projectName)
      .map((asset) => ({ asset, body: this.#assetBody(asset) }))
      .filter(
        ({ asset, body }) =>
          (filter.groupId === undefined || asset.groupId === filter.groupId) &&
          (filter.libraryType === undefined || asset.libraryType === filter.libraryType) &&
          (filter.status === undefined ? body.status !== 'DELETED' : body.status === filter.status),
      )
      .map(({ body }) => body);
    const { items, next } = paged(matching, page);
    return { assets: items, next_page_token: next };
  }

  retrieveAsset(owner: string, id: string, projectName: string): MaterialAsset | LibraryRefusal {
    const asset = this.#ownAsset(owner, id, projectName);
    return asset ? this.#assetBody(asset) : notFound('asset');
  }

  updateAsset(
    owner: string,
    id: string,
    request: Schemas['MaterialAssetUpdateRequest'],
  ): MaterialAsset | LibraryRefusal {
    const asset = this.#ownAsset(owner, id, request.project_name ?? 'default');
    if (!asset || asset.deletedAt !== undefined) return notFound('asset');
    const status = this.#status(asset);
    if (status !== 'ACTIVE') {
      return refuse(
        409,
        'seedance_material_conflict',
        `The material asset is ${status === 'PROCESSING' ? 'still processing' : 'failed and has no active copy'}.`,
      );
    }
    if (request.asset_url?.includes(assetUrlMarkers.invalid)) {
      return refuse(422, 'seedance_material_source_invalid', sourceRuleMessage, 'asset_url');
    }
    const now = this.clock.now();
    if (request.asset_url !== undefined && request.asset_url !== asset.assetUrl) {
      asset.assetUrl = request.asset_url;
      asset.processingFrom = now;
    }
    if (request.asset_name !== undefined) asset.assetName = request.asset_name;
    if (request.asset_type !== undefined) asset.assetType = request.asset_type;
    if (request.metadata !== undefined) asset.metadata = request.metadata;
    asset.updatedAt = now;
    return this.#assetBody(asset);
  }

  deleteAsset(
    owner: string,
    id: string,
    projectName: string,
  ): Schemas['MaterialDeleted'] | LibraryRefusal {
    const asset = this.#ownAsset(owner, id, projectName);
    if (!asset || asset.deletedAt !== undefined) return notFound('asset');
    markDeleted(asset, this.clock.now());
    return { deleted: true, id };
  }

  createGroup(
    owner: string,
    request: Schemas['MaterialAssetGroupCreateRequest'],
  ): MaterialAssetGroup | LibraryRefusal {
    if (request.library_type === 'liveness_face') {
      return refuse(
        400,
        'invalid_request_error',
        'liveness_face groups come from face verification, not from this route.',
        'library_type',
      );
    }
    return this.#groupBody(this.#addGroup(owner, request));
  }

  listGroups(
    owner: string,
    projectName: string,
    filter: { status?: string; libraryType?: string },
    page: AssetPage,
  ): Schemas['MaterialAssetGroupList'] {
    const matching = [...this.#groups.values()]
      .filter((group) => group.owner === owner && group.projectName === projectName)
      .map((group) => this.#groupBody(group))
      .filter(
        (group) =>
          (filter.libraryType === undefined || group.library_type === filter.libraryType) &&
          (filter.status === undefined
            ? group.status !== 'DELETED'
            : group.status === filter.status),
      );
    const { items, next } = paged(matching, page);
    return { groups: items, next_page_token: next };
  }

  retrieveGroup(
    owner: string,
    id: string,
    projectName: string,
  ): MaterialAssetGroup | LibraryRefusal {
    const group = this.#ownGroup(owner, id, projectName);
    return group ? this.#groupBody(group) : notFound('group');
  }

  updateGroup(
    owner: string,
    id: string,
    request: Schemas['MaterialAssetGroupUpdateRequest'],
  ): MaterialAssetGroup | LibraryRefusal {
    const group = this.#ownGroup(owner, id, request.project_name ?? 'default');
    if (!group) return notFound('group');
    if (request.group_name !== undefined) group.groupName = request.group_name;
    if (request.description !== undefined) group.description = request.description;
    if (request.metadata !== undefined) group.metadata = request.metadata;
    group.updatedAt = this.clock.now();
    return this.#groupBody(group);
  }

  /** Deletes the group and every asset in it. */
  deleteGroup(
    owner: string,
    id: string,
    projectName: string,
  ): Schemas['MaterialDeleted'] | LibraryRefusal {
    const group = this.#ownGroup(owner, id, projectName);
    if (!group) return notFound('group');
    const now = this.clock.now();
    markDeleted(group, now);
    for (const asset of this.#assets.values()) {
      if (asset.groupId === id && asset.deletedAt === undefined) markDeleted(asset, now);
    }
    return { deleted: true, id };
  }

  /**
   * The state of each asset a create names, for `owner` in any of its projects: `missing`
   * when it is not one of its live assets.
   */
  statusFor(owner: string, id: string): MaterialAsset['status'] | 'missing' {
    const asset = this.#assets.get(id);
    if (!asset || asset.owner !== owner) return 'missing';
    const status = this.#status(asset);
    return status === 'DELETED' ? 'missing' : status;
  }
}

/** Deletes an asset or group at `at` (simulated Unix ms): its last update is its deletion. */
function markDeleted(record: AssetRecord | GroupRecord, at: number): void {
  record.deletedAt = at;
  record.updatedAt = at;
}

/** One page of `items`; the token is the index of the next page's first item. */
function paged<T>(items: readonly T[], { pageSize, pageToken }: AssetPage) {
  const start = Math.max(0, Number.parseInt(pageToken ?? '0', 10) || 0);
  const end = start + pageSize;
  return { items: items.slice(start, end), next: end < items.length ? String(end) : null };
}
