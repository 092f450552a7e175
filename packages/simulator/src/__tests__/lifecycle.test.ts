import { describe, expect, it } from 'vitest';
import { planTask, seededRandom, type TaskPlan, taskStateAt, videoModels } from '../index';

const model = (id: string) => {
  const found = videoModels.find((candidate) => candidate.id === id);
  if (!found) throw new Error(id);
  return found;
};

/** Every state of a plan, sampled each simulated second until a while after its end. */
function timeline(plan: TaskPlan) {
  const states = [];
  for (let ms = 0; ms <= plan.queuedMs + plan.processingMs + 5_000; ms += 1_000) {
    states.push(taskStateAt(plan, ms));
  }
  return states;
}

describe('planTask', () => {
  it('queues for 2 to 15 s and generates for 30 s to 5 min, for every model and input', () => {
    const random = seededRandom(1);
    for (const videoModel of videoModels) {
      for (const duration of videoModel.durations) {
        for (const resolution of videoModel.resolutions) {
          for (let i = 0; i < 20; i++) {
            const plan = planTask(videoModel, random, { prompt: 'x', duration, resolution });
            expect(plan.queuedMs).toBeGreaterThanOrEqual(2_000);
            expect(plan.queuedMs).toBeLessThanOrEqual(15_000);
            expect(plan.processingMs).toBeGreaterThanOrEqual(30_000);
            expect(plan.processingMs).toBeLessThanOrEqual(300_000);
          }
        }
      }
    }
  });

  it('takes longer for longer and sharper videos', () => {
    const kling = model('kling-video');
    const plan = (request: { duration?: number; resolution?: string }) =>
      planTask(kling, seededRandom(3), { prompt: 'x', ...request }).processingMs;
    expect(plan({ duration: 10 })).toBeGreaterThan(plan({ duration: 5 }));
    expect(plan({ resolution: '1080p' })).toBeGreaterThan(plan({ resolution: '720p' }));
  });

  it('keeps one configuration near its typical time, with rare slow tasks', () => {
    const random = seededRandom(9);
    const times = Array.from(
      { length: 1_000 },
      () => planTask(model('kling-video'), random, { prompt: 'x', duration: 5 }).processingMs,
    ).sort((a, b) => a - b);
    const at = (p: number) => times[Math.floor(p * times.length)] as number;
    expect(at(0.1)).toBeGreaterThan(at(0.5) * 0.85);
    expect(at(0.9)).toBeLessThan(at(0.5) * 1.2);
    expect(at(0.99)).toBeGreaterThan(at(0.5) * 1.25);
  });

  it('makes the slower pro model slower on average', () => {
    const average = (id: string) => {
      const random = seededRandom(5);
      let total = 0;
      for (let i = 0; i < 200; i++) total += planTask(model(id), random).processingMs;
      return total / 200;
    };
    expect(average('veo3.1-pro')).toBeGreaterThan(average('veo3.1'));
  });

  it('is deterministic for a seed', () => {
    const a = planTask(model('minimax/video-01'), seededRandom(42));
    const b = planTask(model('minimax/video-01'), seededRandom(42));
    expect(a).toEqual(b);
  });

  it('reads the prompt markers', () => {
    const kling = model('kling-video');
    const plan = (prompt: string) => planTask(kling, seededRandom(1), { prompt });
    expect(plan('a cat')).toMatchObject({ outcome: 'completed', queuedStatus: 'pending' });
    expect(plan('a cat [fail]').outcome).toBe('failed');
    expect(plan('[expire] a cat').outcome).toBe('expired');
    expect(plan('a cat [unknown-status]').queuedStatus).toBe('queued_upstream');
    expect(plan('a cat [queued]').queuedMs).toBe(3_600_000);
    expect(plan('a cat').queuedMs).toBeLessThan(15_000);
  });
});

describe('taskStateAt', () => {
  it('goes pending, then processing with rising progress, then completed at 100', () => {
    const plan = planTask(model('kling-video'), seededRandom(9), { prompt: 'x' });
    const states = timeline(plan);
    const statuses = states.map((state) => state.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['pending', 'processing', 'completed']);
    const progress = states.map((state) => state.progress ?? -1);
    for (let i = 1; i < progress.length; i++) {
      expect(progress[i]).toBeGreaterThanOrEqual(progress[i - 1] ?? 0);
    }
    const processing = states.filter((state) => state.status === 'processing');
    expect(new Set(processing.map((state) => state.progress)).size).toBeGreaterThan(5);
    expect(processing.every((state) => (state.progress ?? 100) < 100)).toBe(true);
    expect(states.at(-1)).toEqual({ status: 'completed', progress: 100 });
  });

  it('reports no progress for a model that never does', () => {
    const plan = planTask(model('veo3.1'), seededRandom(9), { prompt: 'x' });
    expect(timeline(plan).every((state) => !('progress' in state))).toBe(true);
  });

  it('ends failed or expired when the prompt says so, and queued_upstream when asked', () => {
    const kling = model('kling-video');
    const failed = planTask(kling, seededRandom(1), { prompt: '[fail] [unknown-status]' });
    expect(taskStateAt(failed, 0).status).toBe('queued_upstream');
    expect(timeline(failed).at(-1)?.status).toBe('failed');
    const expired = planTask(kling, seededRandom(1), { prompt: '[expire]' });
    expect(timeline(expired).at(-1)?.status).toBe('expired');
  });
});
