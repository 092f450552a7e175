import type { operations } from '@lemonvideo/shared';

export type Operation = keyof operations;

export type Route =
  | { readonly kind: 'api'; readonly operation: Operation; readonly param: string }
  | { readonly kind: 'home' }
  | { readonly kind: 'stats' }
  | { readonly kind: 'video'; readonly taskId: string }
  | { readonly kind: 'method-not-allowed'; readonly allow: string }
  | { readonly kind: 'not-found' };

/** Counts for tests in another process or a browser, which cannot call `stats()`. */
export const statsPath = '/__simulator/stats';

const api = (operation: Operation, param = ''): Route => ({ kind: 'api', operation, param });

/**
 * The route of a request. Path parameters arrive percent-decoded; a model id may contain `/`,
 * raw or as `%2F` (`/v1/models/minimax/video-01/pricing` is that model's pricing).
 */
export function matchRoute(method: string, pathname: string): Route {
  const byMethod = (routes: Record<string, Route>): Route =>
    routes[method] ?? { kind: 'method-not-allowed', allow: Object.keys(routes).join(', ') };
  const rest = (prefix: string) => {
    if (!pathname.startsWith(prefix) || pathname.length === prefix.length) return undefined;
    try {
      return decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      return undefined;
    }
  };

  if (pathname === '/') return byMethod({ GET: { kind: 'home' } });
  if (pathname === statsPath) return byMethod({ GET: { kind: 'stats' } });
  if (pathname === '/v1/videos/generations')
    return byMethod({ POST: api('createVideoGeneration') });
  if (pathname === '/v1/models') return byMethod({ GET: api('listModels') });

  const model = rest('/v1/models/');
  if (model !== undefined) {
    const priced = /^(.+)\/pricing$/.exec(model)?.[1];
    if (priced !== undefined) return byMethod({ GET: api('retrieveModelPricing', priced) });
    return byMethod({ GET: api('retrieveModel', model) });
  }

  if (pathname === '/v1/videos/assets') {
    return byMethod({ POST: api('createMaterialAsset'), GET: api('listMaterialAssets') });
  }
  if (pathname === '/v1/videos/assets/groups') {
    return byMethod({ POST: api('createMaterialAssetGroup'), GET: api('listMaterialAssetGroups') });
  }
  const groupId = rest('/v1/videos/assets/groups/');
  if (groupId !== undefined && !groupId.includes('/')) {
    return byMethod({
      GET: api('retrieveMaterialAssetGroup', groupId),
      PUT: api('updateMaterialAssetGroup', groupId),
      DELETE: api('deleteMaterialAssetGroup', groupId),
    });
  }
  const assetId = rest('/v1/videos/assets/');
  if (assetId !== undefined && !assetId.includes('/')) {
    return byMethod({
      GET: api('retrieveMaterialAsset', assetId),
      PUT: api('updateMaterialAsset', assetId),
      DELETE: api('deleteMaterialAsset', assetId),
    });
  }

  const legacyId = rest('/v1/videos/generations/');
  if (legacyId !== undefined && !legacyId.includes('/')) {
    return byMethod({ GET: api('getVideoGeneration', legacyId) });
  }
  const taskId = rest('/v1/tasks/');
  if (taskId !== undefined && !taskId.includes('/')) {
    return byMethod({ GET: api('getTask', taskId), DELETE: api('cancelTask', taskId) });
  }
  const video = /^\/videos\/([A-Za-z0-9_-]+)\.mp4$/.exec(pathname);
  if (video?.[1]) {
    const route: Route = { kind: 'video', taskId: video[1] };
    return byMethod({ GET: route, HEAD: route });
  }
  return { kind: 'not-found' };
}
