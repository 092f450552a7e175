import type { ModelOffer, VideoModel } from '@lemonvideo/core';

const list = (values: readonly unknown[], unit = '') =>
  values.length === 0 ? 'not listed' : `${values.join(', ')}${unit}`;

/** Seconds as a person reads them: `-1 (auto), 4 to 15`, a run of four or more as a range. */
function secondsText(durations: readonly number[]): string[] {
  const parts: string[] = [];
  for (let i = 0; i < durations.length; ) {
    let end = i;
    while (durations[end + 1] === (durations[end] as number) + 1) end++;
    const first = durations[i] as number;
    if (first === -1) parts.push('-1 (auto)');
    else if (end - i >= 3) parts.push(`${first} to ${durations[end]}`);
    else parts.push(...durations.slice(i, end + 1).map(String));
    i = first === -1 ? i + 1 : end + 1;
  }
  return parts;
}

/** `durations 4, 5, 8 s · resolutions 720p, 1080p · aspect ratios 16:9, 9:16` */
export function offerText(offer: ModelOffer): string {
  return [
    `durations ${list(secondsText(offer.durations), ' s')}`,
    `resolutions ${list(offer.resolutions)}`,
    `aspect ratios ${list(offer.aspectRatios)}`,
  ].join(' · ');
}

/** A price in US dollars as the API writes it (a decimal string), e.g. `$0.40`. */
const usd = (value: unknown) =>
  typeof value === 'string' || typeof value === 'number' ? `$${value}` : undefined;

/**
 * The API's pricing summary in words: `$0.40 a second ($1.60 to $3.20 a video)`; the price
 * objects are open-ended, so what it does not know it leaves out. Null when there is none.
 */
export function priceText(pricing: VideoModel['pricing']): string | null {
  if (pricing === null) return null;
  const parts: string[] = [];
  const perSecond = usd(pricing.per_second);
  const perRequest = usd(pricing.per_request);
  const min = usd(pricing.min_price);
  const max = usd(pricing.max_price);
  if (perSecond) parts.push(`${perSecond} a second`);
  if (perRequest) parts.push(`${perRequest} a video`);
  if (min && max) parts.push(min === max ? `${min} a video` : `${min} to ${max} a video`);
  if (parts.length === 0 && typeof pricing.unit === 'string') parts.push(`priced ${pricing.unit}`);
  const [first, ...rest] = parts;
  return first === undefined ? null : rest.length > 0 ? `${first} (${rest.join(', ')})` : first;
}

/** `deprecated: use seedance-1.5-pro, stops 2027-01-15`; null for an active model. */
export function lifecycleText(lifecycle: VideoModel['lifecycle']): string | null {
  if (lifecycle === null || lifecycle.stage === 'active') return null;
  const use = lifecycle.replacement ? `: use ${lifecycle.replacement}` : '';
  const date = (lifecycle.sunsetAt ?? lifecycle.retiredAt)?.slice(0, 10);
  const when = date ? `, ${lifecycle.stage === 'retired' ? 'retired' : 'stops'} ${date}` : '';
  return `${lifecycle.stage}${use}${when}`;
}
