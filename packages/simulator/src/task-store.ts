import {
  planLengthMs,
  planTask,
  type SimulatedStatus,
  type TaskPlan,
  taskStateAt,
} from './lifecycle';
import type { SimulatedModel } from './models';
import { type Random, randomToken } from './random';
import type { SimulatedClock } from './simulated-clock';
import type { CreateVideoRequest } from './validate-request';

/** Finished tasks are forgotten this long (simulated) after they finish. */
const taskRetentionMs = 48 * 60 * 60 * 1000;

/** A task as the simulator keeps it. */
export interface TaskRecord {
  /** `ldtask_` and 32 hex digits, like the vendor's. */
  readonly id: string;
  /** The digest of the key that created it (never the key): only that key may poll or cancel it. */
  readonly owner: string;
  readonly model: SimulatedModel;
  readonly request: Readonly<CreateVideoRequest>;
  readonly plan: TaskPlan;
  /** Simulated Unix ms. */
  readonly createdAt: number;
  /** Simulated Unix ms, once cancelled. */
  cancelledAt?: number;
}

/** Where a task stands at one instant of the simulated clock. */
export interface TaskNow {
  readonly status: SimulatedStatus;
  readonly progress?: number;
  readonly cancelled: boolean;
  /** Simulated Unix ms of the last status change. */
  readonly updatedAt: number;
  /** Simulated Unix ms it reached its outcome, once it has. */
  readonly finishedAt?: number;
}

/** A task for test assertions: what was asked, its plan and where it stands now. */
export interface SimulatedTask
  extends Omit<TaskRecord, 'model' | 'owner' | 'cancelledAt'>,
    TaskNow {
  readonly model: string;
}

export type CancelResult =
  | { readonly kind: 'cancelled'; readonly task: TaskRecord }
  | { readonly kind: 'not-found' | 'not-owned' | 'unsupported' | 'not-cancellable' };

/** A task `owner` may read, or why not. */
export type FindResult =
  | { readonly kind: 'found'; readonly task: TaskRecord }
  | { readonly kind: 'not-found' | 'not-owned' };

/** Every task of one simulator, with their timelines on the simulated clock. */
export class TaskStore {
  readonly #tasks = new Map<string, TaskRecord>();

  constructor(
    /** The simulated clock that task timelines run on (Unix ms). */
    readonly time: SimulatedClock,
    /** Seeded: draws task ids and plans, so a run replays. */
    private readonly random: Random,
  ) {}

  create(model: SimulatedModel, request: CreateVideoRequest, owner: string): TaskRecord {
    const task: TaskRecord = {
      id: `ldtask_${randomToken(this.random, 32, '0123456789abcdef')}`,
      owner,
      model,
      request,
      plan: planTask(model, this.random, request),
      createdAt: this.time.now(),
    };
    this.#tasks.set(task.id, task);
    return task;
  }

  /** How many tasks were ever created. */
  get size(): number {
    return this.#tasks.size;
  }

  /** The task for `owner`: gone when unknown or finished 48 simulated hours ago, or another key's. */
  findFor(id: string, owner: string): FindResult {
    const task = this.find(id);
    if (!task) return { kind: 'not-found' };
    return task.owner === owner ? { kind: 'found', task } : { kind: 'not-owned' };
  }

  /** The task, unless unknown or finished more than 48 simulated hours ago. */
  find(id: string): TaskRecord | undefined {
    const task = this.#tasks.get(id);
    if (!task) return undefined;
    const { finishedAt } = this.now(task);
    if (finishedAt !== undefined && this.time.now() - finishedAt >= taskRetentionMs)
      return undefined;
    return task;
  }

  now(task: TaskRecord): TaskNow {
    if (task.cancelledAt !== undefined) {
      const at = task.cancelledAt;
      return { status: 'failed', cancelled: true, updatedAt: at, finishedAt: at };
    }
    const elapsed = this.time.now() - task.createdAt;
    const state = taskStateAt(task.plan, elapsed);
    const startedAt = task.createdAt + task.plan.queuedMs;
    const endsAt = task.createdAt + planLengthMs(task.plan);
    const finished = elapsed >= planLengthMs(task.plan);
    return {
      ...state,
      cancelled: false,
      updatedAt: finished ? endsAt : elapsed >= task.plan.queuedMs ? startedAt : task.createdAt,
      ...(finished && { finishedAt: endsAt }),
    };
  }

  /** Only `owner`'s queued task of a model that can cancel is cancelled. */
  cancel(id: string, owner: string): CancelResult {
    const found = this.findFor(id, owner);
    if (found.kind !== 'found') return found;
    const { task } = found;
    if (!task.model.cancellable) return { kind: 'unsupported' };
    const { status, cancelled } = this.now(task);
    if (cancelled || (status !== 'pending' && status !== 'queued_upstream')) {
      return { kind: 'not-cancellable' };
    }
    task.cancelledAt = this.time.now();
    return { kind: 'cancelled', task };
  }

  snapshot(): SimulatedTask[] {
    return [...this.#tasks.values()].map((task) => {
      const { model, owner: _owner, cancelledAt: _cancelledAt, ...rest } = task;
      return { ...rest, model: model.id, ...this.now(task) };
    });
  }
}
