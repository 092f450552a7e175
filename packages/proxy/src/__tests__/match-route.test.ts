import { describe, expect, it } from 'vitest';
import { hasUnsafeSegment, matchRoute } from '../match-route';

// A Fetch `Request` resolves `.`, `..`, `%2e%2e` and `\` before the handler sees them; the raw
// paths a node:http server receives are checked here (and by the node adapter).
describe('raw path segments', () => {
  it.each([
    '/v1/tasks/../models',
    '/v1/models/./kling-video',
    '/v1/tasks/%2e%2e/models',
    '/v1/tasks/.%2E/models',
    '/v1/tasks/%2e',
    '/v1/tasks/a\\b',
    '/v1\\models',
    '/v1//models',
    '/v1/models/',
  ])('refuses %s with 400 invalid_path', async (path) => {
    expect(hasUnsafeSegment(path)).toBe(true);
    const refused = matchRoute('GET', path);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(400);
  });

  it.each([
    '/v1/models',
    '/v1/models/minimax%2Fvideo-01',
    '/v1/tasks/video_1.2',
    '/v1/tasks/..a',
    '/v1/tasks/...',
  ])('lets %s through', (path) => {
    expect(hasUnsafeSegment(path)).toBe(false);
  });

  it('matches a model id with an encoded slash and encodes it again', () => {
    expect(matchRoute('GET', '/v1/models/minimax%2Fvideo-01')).toMatchObject({
      route: { method: 'GET', path: '/v1/models/{model}' },
      path: '/v1/models/minimax%2Fvideo-01',
    });
  });
});
