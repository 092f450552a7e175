import { apiError } from './errors';
import type { MaterialLibrary } from './material-library';
import type { SimulatedModel } from './models';
import type { Reply } from './reply';
import type { CreateVideoRequest } from './validate-request';

const assetScheme = 'asset://';

/** Every material asset a create names, with the field naming it: by id, or as `asset://<id>`. */
function materialReferences(request: CreateVideoRequest): { field: string; id: string }[] {
  const found: { field: string; id: string }[] = [];
  const asUri = (field: string, value: unknown) => {
    if (typeof value === 'string' && value.startsWith(assetScheme)) {
      found.push({ field, id: value.slice(assetScheme.length) });
    }
  };
  if (request.material_asset_id !== undefined) {
    found.push({ field: 'material_asset_id', id: request.material_asset_id });
  }
  for (const id of request.material_asset_ids ?? [])
    found.push({ field: 'material_asset_ids', id });
  for (const field of ['image', 'image_url', 'start_image', 'end_image'] as const) {
    asUri(field, request[field]);
  }
  for (const field of ['reference_images', 'image_urls'] as const) {
    for (const value of request[field] ?? []) asUri(field, value);
  }
  return found;
}

/**
 * Whether the create may use the material assets it names: only Seedance models read them,
 * each must be a live asset of the caller, and every one must be ACTIVE. Assets still
 * processing make the answer 409 `seedance_material_preparing` with `inactive_asset_ids`, a
 * certain refusal: the same request succeeds once they are ACTIVE.
 */
export function materialRefusal(
  library: MaterialLibrary,
  owner: string,
  model: SimulatedModel,
  request: CreateVideoRequest,
): Reply | undefined {
  const references = materialReferences(request);
  const [first] = references;
  if (first === undefined) return undefined;
  if (!model.materialLibrary) {
    return apiError(
      400,
      'invalid_request_error',
      `${first.field}: ${model.id} does not read Seedance material assets.`,
      {
        param: first.field,
      },
    );
  }
  const preparing: { field: string; id: string }[] = [];
  for (const reference of references) {
    const status = library.statusFor(owner, reference.id);
    if (status === 'PROCESSING') {
      preparing.push(reference);
    } else if (status !== 'ACTIVE') {
      const why = status === 'FAILED' ? 'failed processing' : 'not found or not accessible';
      return apiError(
        400,
        'invalid_request_error',
        `${reference.field}: Seedance material asset ${reference.id} ${why}.`,
        {
          param: reference.field,
        },
      );
    }
  }
  const [waiting] = preparing;
  if (waiting === undefined) return undefined;
  return apiError(
    409,
    'seedance_material_preparing',
    'The Seedance material is still being prepared; retry once it is ACTIVE.',
    {
      param: waiting.field,
      retryable: true,
      inactive_asset_ids: [...new Set(preparing.map((reference) => reference.id))],
    },
  );
}
