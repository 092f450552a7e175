import type { CreateVideoParams } from '@lemonvideo/core';
import { seededRandom, videoModels } from '@lemonvideo/simulator';

/**
 * `count` creates across the simulator's models, each with a duration and resolution it
 * accepts; the same for the same seed: what every poller and scheduler is measured on.
 */
export function taskMix(count: number, seed: number): CreateVideoParams[] {
  const pick = seededRandom(seed + 1);
  const choose = <T>(items: readonly T[]) => items[Math.floor(pick() * items.length)] as T;
  return Array.from({ length: count }, (_, i) => {
    const model = choose(videoModels);
    return {
      model: model.id,
      prompt: `bench ${i}`,
      duration: choose(model.durations),
      resolution: choose(model.resolutions),
    };
  });
}
