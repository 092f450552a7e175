import { afterEach, describe, expect, it } from 'vitest';
import { type Simulator, type SimulatorOptions, startSimulator } from '../index';
import { manualClock } from './manual-clock';
import { call, testKey } from './spec-client';

let sim: Simulator;
afterEach(() => sim.close());

const hour = 60 * 60 * 1000;

/** Starts `sim` on a manual clock, and returns the clock. */
async function startOnClock(options: SimulatorOptions = {}) {
  const clock = manualClock();
  sim = await startSimulator({ ...options, now: clock.now });
  return clock;
}

/** Reads a task by its id. */
const poll = (id: string) => call(sim.url, 'GET', `/v1/tasks/${id}`);
/** Cancels a task by its id. */
const cancel = (id: string) => call(sim.url, 'DELETE', `/v1/tasks/${id}`);

async function createTask(body: Record<string, unknown>) {
  const created = await call(sim.url, 'POST', '/v1/videos/generations', { body });
  expect(created.status).toBe(200);
  const task = sim.tasks().find((candidate) => candidate.id === created.body.id);
  if (!task) throw new Error('the task is missing from the snapshot');
  return { id: created.body.id as string, plan: task.plan };
}

/** A task created with `body` on a manual clock, read once its plan has run to the end. */
async function endedTask(body: Record<string, unknown>) {
  const clock = await startOnClock();
  const { id, plan } = await createTask(body);
  clock.advance(plan.queuedMs + plan.processingMs);
  return (await poll(id)).body;
}

describe('task lifecycle over HTTP', () => {
  it('moves pending -> processing (progress never backwards) -> completed', async () => {
    const clock = await startOnClock();
    const start = clock.now();
    const { id, plan } = await createTask({ model: 'kling-video', prompt: 'a cat', duration: 10 });
    const seen: { status: string; progress: number }[] = [];
    let last: Record<string, unknown> = {};
    while (clock.now() - start <= plan.queuedMs + plan.processingMs + 10_000) {
      const { body } = await poll(id);
      seen.push({ status: body.status, progress: body.progress });
      last = body;
      clock.advance(5_000);
    }
    const statuses = seen.map((s) => s.status).filter((s, i, all) => s !== all[i - 1]);
    expect(statuses).toEqual(['pending', 'processing', 'completed']);
    for (let i = 1; i < seen.length; i++) {
      expect(seen[i]?.progress).toBeGreaterThanOrEqual(seen[i - 1]?.progress ?? 0);
    }
    expect(new Set(seen.map((s) => s.progress)).size).toBeGreaterThan(4);
    const videoUrl = `${sim.url}/videos/${id}.mp4`;
    expect(last).toMatchObject({
      status: 'completed',
      progress: 100,
      video_url: videoUrl,
      video: { url: videoUrl, duration: 10, width: 1280, height: 720 },
      created: Math.floor(start / 1000),
      updated: Math.floor((start + plan.queuedMs + plan.processingMs) / 1000),
      billing_transaction_id: expect.stringMatching(/^simbill[0-9a-f]{18}$/),
    });
  });

  it('completes on the real clock when time runs fast', async () => {
    sim = await startSimulator({ speed: 20_000 });
    const { id } = await createTask({ model: 'veo3.1', prompt: 'a fox', aspect_ratio: '9:16' });
    const deadline = Date.now() + 10_000;
    let body: Record<string, unknown> = {};
    while (Date.now() < deadline) {
      body = (await poll(id)).body;
      expect(body).not.toHaveProperty('progress');
      if (body.status === 'completed') break;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(body.status).toBe('completed');
    expect(body.video).toMatchObject({ duration: 4, width: 720, height: 1280 });
  });

  it('fails with content_policy_violation on [fail]', async () => {
    const body = await endedTask({ prompt: 'a cat [fail]' });
    expect(body.status).toBe('failed');
    expect(body.error.code).toBe('content_policy_violation');
    expect(body.error.message).toContain('[fail]');
    expect(body).not.toHaveProperty('video_url');
  });

  it('ends expired on [expire], and says queued_upstream while queued on [unknown-status]', async () => {
    const clock = await startOnClock();
    const expiring = await createTask({ prompt: 'a cat [expire]' });
    const odd = await createTask({ prompt: 'a cat [unknown-status]' });
    expect((await poll(odd.id)).body.status).toBe('queued_upstream');
    clock.advance(Math.max(odd.plan.queuedMs, 1) + 1);
    expect((await poll(odd.id)).body.status).toBe('processing');
    clock.advance(expiring.plan.queuedMs + expiring.plan.processingMs);
    const { body } = await poll(expiring.id);
    expect(body.status).toBe('expired');
    expect(body).not.toHaveProperty('video_url');
  });

  it('fails echoing the caller key on [echo-key], as an upstream error may', async () => {
    const body = await endedTask({ prompt: 'a cat [echo-key]' });
    expect(body.status).toBe('failed');
    expect(body.error.message).toContain(`Incorrect API key provided: ${testKey}.`);
  });

  it('puts escape sequences in the status, model and error on [escape-codes]', async () => {
    const clock = await startOnClock();
    const { id, plan } = await createTask({ prompt: 'a cat [escape-codes]' });
    const queued = (await poll(id)).body;
    expect(queued.status).toBe('pending\u001B]0;PWNED\u0007\u001B[2J');
    expect(queued.model).toContain('\u001B]52;c;');
    clock.advance(plan.queuedMs + plan.processingMs);
    const { body } = await poll(id);
    expect(body.status).toBe('failed');
    expect(body.error.message).toContain('\u001B[31m');
  });

  it('forgets a task 48 simulated hours after it finished', async () => {
    const clock = await startOnClock({ speed: 60 });
    const { id, plan } = await createTask({ prompt: 'a cat' });
    // At speed 60 a real ms is 60 simulated ms.
    clock.advance((plan.queuedMs + plan.processingMs + 48 * hour - 1_000) / 60);
    expect((await poll(id)).status).toBe(200);
    clock.advance(1_000 / 60);
    const gone = await poll(id);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('async_task_not_found');
    const legacy = await call(sim.url, 'GET', `/v1/videos/generations/${id}`);
    expect(legacy.status).toBe(404);
  });
});

describe('cancel', () => {
  it.each(['seedance-1.5-pro', 'seedance-2.0', 'seedance-2.0-fast', 'seedance-2.5'])(
    'cancels a queued %s task, which stays readable as failed',
    async (model) => {
      const clock = await startOnClock();
      const { id } = await createTask({ model, prompt: 'a cat' });
      const { status, body } = await cancel(id);
      expect(status).toBe(200);
      expect(body).toMatchObject({
        id,
        task_id: id,
        poll_url: `/v1/tasks/${id}`,
        status: 'failed',
        cancelled: true,
        cancellation_status: 'cancelled',
        error: 'Task cancelled before execution',
      });
      clock.advance(10 * 60 * 1000);
      const later = await poll(id);
      expect(later.body).toMatchObject({ status: 'failed', cancelled: true });
      const again = await cancel(id);
      expect(again.status).toBe(409);
      expect(sim.tasks()[0]).toMatchObject({ status: 'failed', cancelled: true });
    },
  );

  it('answers 409 task_not_cancellable once a Seedance task is processing or done', async () => {
    const clock = await startOnClock();
    const { id, plan } = await createTask({ model: 'seedance-2.0', prompt: 'a cat' });
    clock.advance(plan.queuedMs);
    const processing = await cancel(id);
    expect(processing.status).toBe(409);
    expect(processing.body.error.code).toBe('task_not_cancellable');
    clock.advance(plan.processingMs);
    expect((await cancel(id)).status).toBe(409);
    expect((await poll(id)).body.status).toBe('completed');
  });

  it.each(['kling-video', 'seedance-1.0-pro', 'veo3.1'])(
    'answers 400 unsupported_task_cancel for a queued %s task',
    async (model) => {
      sim = await startSimulator();
      const { id } = await createTask({ model, prompt: 'a cat [queued]' });
      const { status, body } = await cancel(id);
      expect(status).toBe(400);
      expect(body.error.code).toBe('unsupported_task_cancel');
      expect((await poll(id)).body.status).toBe('pending');
    },
  );
});

describe('timestamps', () => {
  it('are wall-clock Unix seconds, even when simulated time runs 600 times faster', async () => {
    const clock = await startOnClock({ speed: 600 });
    const start = clock.now();
    const { id, plan } = await createTask({ model: 'kling-video', prompt: 'a cat' });
    const created = await poll(id);
    expect(created.body.created).toBe(Math.floor(start / 1000));
    // The whole task takes (queue + generation) / 600 real ms.
    const realLength = (plan.queuedMs + plan.processingMs) / 600;
    clock.advance(realLength + 1_000);
    const { body } = await poll(id);
    expect(body.status).toBe('completed');
    expect(body.created).toBe(Math.floor(start / 1000));
    expect(body.updated).toBe(Math.floor((start + realLength) / 1000));
    expect(body.updated - body.created).toBeLessThan(2);
  });
});
