import { APIError } from './errors';

/**
 * What to try instead, from an API error's hints, in a sentence or two for a person: the
 * value meant (`did_you_mean`), and the durations, resolutions, aspect ratios or operations
 * the model offers (`allowed_*`, `supported_operations`, the last when the operation is at
 * fault). Null for any other error, or when the API sent no such hint. The one wording both
 * faces (the terminal app and the web app) show.
 */
export function errorSuggestion(error: unknown): string | null {
  if (!(error instanceof APIError)) return null;
  const sentences: string[] = [];
  if (error.didYouMean) sentences.push(`Did you mean ${error.didYouMean}?`);
  const offered: [string, readonly string[] | undefined, string?][] = [
    ['durations', error.allowedDurations, ' s'],
    ['resolutions', error.allowedResolutions],
    ['aspect ratios', error.allowedAspectRatios],
    ['operations', error.param === 'operation' ? error.supportedOperations : undefined],
  ];
  for (const [what, values, unit = ''] of offered) {
    if (values?.[0] !== undefined) sentences.push(`Allowed ${what}: ${values.join(', ')}${unit}.`);
  }
  return sentences[0] === undefined ? null : sentences.join(' ');
}
