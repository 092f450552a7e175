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

/** Routes whose last path segment is an id: the prefix before it, each method's operation. */
const itemRoutes: readonly (readonly [string, Readonly<Record<string, Operation>>])[] = [
  [
    '/v1/videos/assets/groups/',
    {
      GET: 'retrieveMaterialAssetGroup',
      PUT: 'updateMaterialAssetGroup',
      DELETE: 'deleteMaterialAssetGroup',
    },
  ],
  [
    '/v1/videos/assets/',
    { GET: 'retrieveMaterialAsset', PUT: 'updateMaterialAsset', DELETE: 'deleteMaterialAsset' },
  ],
  ['/v1/videos/generations/', { GET: 'getVideoGeneration' }],
  ['/v1/tasks/', { GET: 'getTask', DELETE: 'cancelTask' }],
];

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
  for (const [prefix, operations] of itemRoutes) {
    const id = rest(prefix);
    if (id !== undefined && !id.includes('/')) {
      return byMethod(
        Object.fromEntries(
          Object.entries(operations).map(([verb, operation]) => [verb, api(operation, id)]),
        ),
      );
    }
  }
  const video = /^\/videos\/([A-Za-z0-9_-]+)\.mp4$/.exec(pathname);
  if (video?.[1]) {
    const route: Route = { kind: 'video', taskId: video[1] };
    return byMethod({ GET: route, HEAD: route });
  }
  return { kind: 'not-found' };
}
