import document from './generated/spec.json' with { type: 'json' };

/** spec/openapi.yaml, whole, as `pnpm generate` writes it to `src/generated/spec.json`. */
export const spec = document;
