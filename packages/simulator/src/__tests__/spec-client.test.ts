import { describe, expect, it } from 'vitest';
import { checkAgainstSpec } from './spec-client';

const simulatorHeaders = (extra: Record<string, string> = {}) =>
  new Headers({
    'content-type': 'application/json',
    'x-lemonvideo-simulator': '1',
    'x-request-id': 'req_sim_1',
    ...extra,
  });

describe('the spec check every test answer goes through', () => {
  it('accepts a documented answer', () => {
    const body = JSON.stringify({ id: 'video_1', status: 'processing', progress: 40 });
    expect(
      checkAgainstSpec('GET', '/v1/tasks/video_1', 200, simulatorHeaders(), body).body,
    ).toEqual(JSON.parse(body));
  });

  it('rejects a body outside the schema', () => {
    const body = JSON.stringify({ status: 'processing', progress: 140 });
    expect(() => checkAgainstSpec('GET', '/v1/tasks/x', 200, simulatorHeaders(), body)).toThrow(
      /body/,
    );
  });

  it('rejects a status the operation does not document', () => {
    const body = JSON.stringify({ error: { message: 'x' } });
    expect(() => checkAgainstSpec('GET', '/v1/models', 404, simulatorHeaders(), body)).toThrow(
      /not documented/,
    );
  });

  it('rejects a header outside its schema, and a 429 without Retry-After', () => {
    const error = JSON.stringify({ error: { message: 'slow down' } });
    const badReset = simulatorHeaders({ 'x-ratelimit-reset': '-5' });
    const list = JSON.stringify({ object: 'list', data: [] });
    expect(() => checkAgainstSpec('GET', '/v1/models', 200, badReset, list)).toThrow(
      /X-RateLimit-Reset/,
    );
    expect(() =>
      checkAgainstSpec('POST', '/v1/videos/generations', 429, simulatorHeaders(), error),
    ).toThrow(/Retry-After/);
  });

  it('rejects an answer without the simulator header', () => {
    const headers = new Headers({
      'content-type': 'application/json',
      'x-request-id': 'req_sim_1',
    });
    expect(() => checkAgainstSpec('GET', '/v1/models', 200, headers, '{}')).toThrow(/simulator/);
  });
});
