import { defaultDuration, defaultResolution, type SimulatedModel } from './models';
import { between, type Random } from './random';

/** How a simulated task ends (its terminal status word, planned when it is created). */
export type SimulatedOutcome = 'completed' | 'failed' | 'expired';

/** The status word a queued task reports; `queued_upstream` tests a client's unknown-word path. */
export type QueuedStatus = 'pending' | 'queued_upstream';

/** Every status word a simulated task reports, from queued to its end. */
export type SimulatedStatus = QueuedStatus | 'processing' | SimulatedOutcome;

/** Everything that decides a task's timeline, fixed when it is created. */
export interface TaskPlan {
  /** Simulated ms spent queued. */
  readonly queuedMs: number;
  /** Simulated ms spent generating, after the queue. */
  readonly processingMs: number;
  /** Whether its polls carry `progress` (as its model does). */
  readonly reportsProgress: boolean;
  /** How it ends. */
  readonly outcome: SimulatedOutcome;
  /** The word it reports while queued. */
  readonly queuedStatus: QueuedStatus;
}

/** The parts of a create request that shape its timeline. */
export interface PlanRequest {
  /** Its markers (`promptMarkers`) steer the outcome. */
  readonly prompt?: string;
  /** Seconds of video: a longer clip takes longer. Default: the model's. */
  readonly duration?: number;
  /** A higher resolution takes longer. Default: the model's. */
  readonly resolution?: string;
}

/** What a task reports at a moment of its plan (`taskStateAt`). */
export interface TaskState {
  readonly status: SimulatedStatus;
  /** 0 to 100; present only when the plan reports progress. */
  readonly progress?: number;
}

/** Prompt markers that steer a task, for tests and demos. */
export const promptMarkers = {
  /** Ends `failed`. */
  fail: '[fail]',
  /** Ends `expired`. */
  expire: '[expire]',
  /** Reports `queued_upstream` while queued: a status word a client does not know. */
  unknownStatus: '[unknown-status]',
  /** Stays queued for a simulated hour: there is time to cancel it, however fast the simulator runs. */
  queued: '[queued]',
  /** Fails with a message that echoes the caller's API key, as some upstream errors do. */
  echoKey: '[echo-key]',
  /** Terminal escape sequences in its status word, model name and error, then fails. */
  escapeCodes: '[escape-codes]',
} as const;

/** How long a `[queued]` task waits, in simulated ms. */
const heldInQueueMs = 3_600_000;

/** Relative generation cost of a resolution; unknown ones count as 720p. */
const resolutionCost: Record<string, number> = { '480p': 0.7, '720p': 1, '1080p': 1.6, '4k': 3 };
const shortestProcessingMs = 30_000;
const longestProcessingMs = 300_000;
const progressStepPercent = 5;

/** Spread of one configuration's generation time around its typical value (about ±8%, 1σ). */
const processingSpread = 0.08;
/** Share of tasks that run into a slow upstream and take 1.3 to 1.8 times as long. */
const slowShare = 0.05;

/**
 * Draws a task's timeline: a queue of a few seconds, then generation around the model's
 * typical time, longer for longer and sharper videos, with a little noise and a rare slow
 * task, as providers behave. Always draws the same number of times from `random`, so one task
 * never shifts the next one's plan.
 */
export function planTask(
  model: SimulatedModel,
  random: Random,
  request: PlanRequest = {},
): TaskPlan {
  const prompt = request.prompt ?? '';
  const drawnQueueMs = Math.round(between(random, model.queuedMs));
  const queuedMs = prompt.includes(promptMarkers.queued) ? heldInQueueMs : drawnQueueMs;
  // A sum of three uniforms: bell-shaped noise with a standard deviation of 1.
  const noise = (random() + random() + random() - 1.5) * 2;
  const slow = random() < slowShare;
  const slowFactor = between(random, [1.3, 1.8]);
  const baseMs = model.processingMs * (1 + processingSpread * noise) * (slow ? slowFactor : 1);
  const baseDuration = defaultDuration(model);
  // -1 leaves the length to the model: it makes its default.
  const duration =
    request.duration === undefined || request.duration < 1 ? baseDuration : request.duration;
  const durationFactor = (duration / baseDuration) ** 0.75;
  const baseResolution = defaultResolution(model);
  const resolutionFactor = cost(request.resolution ?? baseResolution) / cost(baseResolution);
  const processingMs = Math.round(
    Math.min(
      longestProcessingMs,
      Math.max(shortestProcessingMs, baseMs * durationFactor * resolutionFactor),
    ),
  );
  return {
    queuedMs,
    processingMs,
    reportsProgress: model.reportsProgress,
    outcome: [promptMarkers.fail, promptMarkers.echoKey, promptMarkers.escapeCodes].some((marker) =>
      prompt.includes(marker),
    )
      ? 'failed'
      : prompt.includes(promptMarkers.expire)
        ? 'expired'
        : 'completed',
    queuedStatus: prompt.includes(promptMarkers.unknownStatus) ? 'queued_upstream' : 'pending',
  };
}

function cost(resolution: string | undefined): number {
  return (resolution && resolutionCost[resolution]) || 1;
}

/** Simulated ms from creation until the task reaches its outcome. */
export function planLengthMs(plan: TaskPlan): number {
  return plan.queuedMs + plan.processingMs;
}

/**
 * The task's state `elapsedMs` after creation. Progress rises in steps of 5 with time and
 * never goes back; it reaches 100 only on completion.
 */
export function taskStateAt(plan: TaskPlan, elapsedMs: number): TaskState {
  const withProgress = (status: SimulatedStatus, progress: number): TaskState =>
    plan.reportsProgress ? { status, progress } : { status };
  if (elapsedMs < plan.queuedMs) return withProgress(plan.queuedStatus, 0);
  const generatedMs = elapsedMs - plan.queuedMs;
  if (generatedMs < plan.processingMs) {
    const steps = Math.floor(((generatedMs / plan.processingMs) * 100) / progressStepPercent);
    return withProgress('processing', steps * progressStepPercent);
  }
  return withProgress(plan.outcome, plan.outcome === 'completed' ? 100 : 100 - progressStepPercent);
}
