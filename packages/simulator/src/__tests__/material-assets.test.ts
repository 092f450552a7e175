import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Simulator, startSimulator } from '../index';
import { manualClock } from './manual-clock';
import { type ApiResponse, type CallOptions, call } from './spec-client';

let sim: Simulator;
let clock: ReturnType<typeof manualClock>;

beforeEach(async () => {
  clock = manualClock();
  sim = await startSimulator({ now: clock.now, assetProcessingMs: 30_000 });
});
afterEach(() => sim.close());

const upload = (body: Record<string, unknown>, options: CallOptions = {}) =>
  call(sim.url, 'POST', '/v1/videos/assets', { ...options, body });
const image = 'https://example.com/reference.png';
const create = (body: Record<string, unknown>) =>
  call(sim.url, 'POST', '/v1/videos/generations', { body });

/** Checks an answer is 201 with `fields`, in the library a request that names none gets. */
function expectCreated(answer: ApiResponse, fields: Record<string, unknown>) {
  expect(answer.status).toBe(201);
  expect(answer.body).toMatchObject({
    library_type: 'aigc_avatar',
    project_name: 'default',
    ...fields,
  });
}

describe('material assets', () => {
  it('are PROCESSING after upload (201), then ACTIVE on the simulated clock', async () => {
    const created = await upload({ asset_url: image, asset_name: 'Front view' });
    expectCreated(created, {
      object: 'seedance.material_asset',
      asset_name: 'Front view',
      asset_type: 'Image',
      status: 'PROCESSING',
      ready: false,
      error_message: null,
      created_at: clock.now(),
    });
    expect(created.body.id).toMatch(/^asset-\d{14}-[a-z0-9]{5}$/);
    expect(created.body.id.slice(6, 20)).toBe('20260101000000');
    expect(created.body.group_id).toMatch(/^group-\d{14}-[a-z0-9]{5}$/);
    const path = `/v1/videos/assets/${created.body.id}`;
    clock.advance(29_000);
    expect((await call(sim.url, 'GET', path)).body.status).toBe('PROCESSING');
    clock.advance(1_000);
    expect((await call(sim.url, 'GET', path)).body).toMatchObject({
      status: 'ACTIVE',
      ready: true,
    });
  });

  it('make a create naming one that is still processing a certain 409, then succeed', async () => {
    const { body: asset } = await upload({ asset_url: image });
    const requests = [
      { material_asset_id: asset.id, operation: 'reference-to-video' },
      { material_asset_ids: [asset.id] },
      { image_url: `asset://${asset.id}` },
      { reference_images: [`asset://${asset.id}`, 'https://example.com/b.png'] },
    ];
    for (const fields of requests) {
      const refused = await create({ model: 'seedance-2.0', prompt: 'x', ...fields });
      expect(refused.status, JSON.stringify(fields)).toBe(409);
      expect(refused.body.error).toMatchObject({
        code: 'seedance_material_preparing',
        param: Object.keys(fields).find((key) => key !== 'operation'),
        inactive_asset_ids: [asset.id],
      });
    }
    expect(sim.stats().tasksCreated).toBe(0);
    clock.advance(30_000);
    for (const fields of requests) {
      const accepted = await create({ model: 'seedance-2.0', prompt: 'x', ...fields });
      expect(accepted.status, JSON.stringify(fields)).toBe(200);
    }
  });

  it('are refused when unknown, failed, of another key, or for a model without the library', async () => {
    const { body: failing } = await upload({ asset_url: `${image}?simulate=fail` });
    const { body: mine } = await upload({ asset_url: image });
    const { body: theirs } = await upload({ asset_url: image }, { key: 'sk-someone-else' });
    clock.advance(30_000);
    expect((await call(sim.url, 'GET', `/v1/videos/assets/${failing.id}`)).body).toMatchObject({
      status: 'FAILED',
      ready: false,
      error_message: 'Image width must be between 300px and 6000px.',
    });
    for (const id of ['asset-20260101000000-zzzzz', failing.id, theirs.id]) {
      const refused = await create({ model: 'seedance-2.0', prompt: 'x', material_asset_id: id });
      expect(refused.status, id).toBe(400);
      expect(refused.body.error.param).toBe('material_asset_id');
    }
    const kling = await create({
      model: 'kling-video',
      prompt: 'x',
      image_url: `asset://${mine.id}`,
    });
    expect(kling.status).toBe(400);
    expect(kling.body.error.param).toBe('image_url');
  });

  it('belong to their key and project', async () => {
    const { body: asset } = await upload({ asset_url: image, project_name: 'ads' });
    const path = `/v1/videos/assets/${asset.id}`;
    expect((await call(sim.url, 'GET', `${path}?project_name=ads`)).status).toBe(200);
    expect((await call(sim.url, 'GET', path)).status).toBe(404);
    const other = await call(sim.url, 'GET', `${path}?project_name=ads`, { key: 'sk-other' });
    expect(other.status).toBe(404);
    expect(other.body.error.code).toBe('not_found_error');
    const lists = await call(sim.url, 'GET', '/v1/videos/assets?project_name=ads');
    expect(lists.body.assets.map((item: { id: string }) => item.id)).toEqual([asset.id]);
    expect((await call(sim.url, 'GET', '/v1/videos/assets')).body.assets).toEqual([]);
  });

  it('list by page, status and group', async () => {
    const first = await upload({ asset_url: image });
    clock.advance(30_000);
    await upload({ asset_url: image });
    await upload({ asset_url: image });
    const page = await call(sim.url, 'GET', '/v1/videos/assets?page_size=2');
    expect(page.body.assets).toHaveLength(2);
    expect(page.body.next_page_token).toBe('2');
    const rest = await call(sim.url, 'GET', '/v1/videos/assets?page_size=2&page_token=2');
    expect(rest.body).toMatchObject({ next_page_token: null });
    expect(rest.body.assets).toHaveLength(1);
    const active = await call(sim.url, 'GET', '/v1/videos/assets?status=ACTIVE');
    expect(active.body.assets.map((asset: { id: string }) => asset.id)).toEqual([first.body.id]);
    const byGroup = await call(sim.url, 'GET', `/v1/videos/assets?group_id=${first.body.group_id}`);
    expect(byGroup.body.assets).toHaveLength(3);
    const badPage = await call(sim.url, 'GET', '/v1/videos/assets?page_size=101');
    expect(badPage.status).toBe(400);
    expect(badPage.body.error.param).toBe('page_size');
  });

  it('refuse an invalid source, a bad body, and liveness_face without a group', async () => {
    const invalid = await upload({ asset_url: `${image}?simulate=invalid` });
    expect(invalid.status).toBe(400);
    expect(invalid.body.error).toMatchObject({
      code: 'seedance_material_source_invalid',
      param: 'asset_url',
    });
    const missing = await upload({ asset_name: 'x' });
    expect(missing.body.validation_errors[0]).toMatchObject({
      field: 'asset_url',
      code: 'required',
    });
    const extra = await upload({ asset_url: image, colour: 'red' });
    expect(extra.status).toBe(400);
    const face = await upload({ asset_url: image, library_type: 'liveness_face' });
    expect(face.status).toBe(400);
    expect(face.body.error.param).toBe('group_id');
  });

  it('update once ACTIVE (409 before, 422 for a source the library cannot take), and delete', async () => {
    const { body: asset } = await upload({ asset_url: image });
    const path = `/v1/videos/assets/${asset.id}`;
    const early = await call(sim.url, 'PUT', path, { body: { asset_name: 'Renamed' } });
    expect(early.status).toBe(409);
    clock.advance(30_000);
    const renamed = await call(sim.url, 'PUT', path, {
      body: { asset_name: 'Renamed', metadata: { approved_by: 'creative-team' } },
    });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({
      asset_name: 'Renamed',
      metadata: { approved_by: 'creative-team' },
      status: 'ACTIVE',
    });
    const bad = await call(sim.url, 'PUT', path, {
      body: { asset_url: `${image}?simulate=invalid` },
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.code).toBe('seedance_material_source_invalid');
    expect((await call(sim.url, 'PUT', path, { body: {} })).status).toBe(400);
    const deleted = await call(sim.url, 'DELETE', path);
    expect(deleted.body).toEqual({ deleted: true, id: asset.id });
    expect((await call(sim.url, 'GET', path)).body.status).toBe('DELETED');
    expect((await call(sim.url, 'DELETE', path)).status).toBe(404);
    const gone = await create({ model: 'seedance-2.0', prompt: 'x', material_asset_id: asset.id });
    expect(gone.status).toBe(400);
  });
});

describe('material asset groups', () => {
  it('are created (201), listed, read, updated and deleted with their assets', async () => {
    const created = await call(sim.url, 'POST', '/v1/videos/assets/groups', {
      body: { group_name: 'Product references', description: 'Reusable product shots' },
    });
    expectCreated(created, {
      object: 'seedance.material_asset_group',
      group_name: 'Product references',
      status: 'ACTIVE',
    });
    const group = created.body.id;
    const { body: asset } = await upload({ asset_url: image, group_id: group });
    expect(asset.group_id).toBe(group);
    const path = `/v1/videos/assets/groups/${group}`;
    expect((await call(sim.url, 'GET', path)).body.id).toBe(group);
    const listed = await call(sim.url, 'GET', '/v1/videos/assets/groups');
    expect(listed.body.groups.map((item: { id: string }) => item.id)).toEqual([group]);
    const updated = await call(sim.url, 'PUT', path, { body: { group_name: 'Updated' } });
    expect(updated.body.group_name).toBe('Updated');
    expect((await call(sim.url, 'DELETE', path)).body).toEqual({ deleted: true, id: group });
    expect((await call(sim.url, 'GET', path)).status).toBe(404);
    const assetAfter = await call(sim.url, 'GET', `/v1/videos/assets/${asset.id}`);
    expect(assetAfter.body.status).toBe('DELETED');
    const deletedGroups = await call(sim.url, 'GET', '/v1/videos/assets/groups?status=DELETED');
    expect(deletedGroups.body.groups).toHaveLength(1);
  });

  it('refuse liveness_face groups, which come from face verification, and unknown groups', async () => {
    const face = await call(sim.url, 'POST', '/v1/videos/assets/groups', {
      body: { library_type: 'liveness_face' },
    });
    expect(face.status).toBe(400);
    expect(face.body.error.param).toBe('library_type');
    const unknown = await upload({ asset_url: image, group_id: 'group-20260101000000-nopes' });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.param).toBe('group_id');
  });
});
