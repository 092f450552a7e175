export type { Fault, FaultKind, FaultRoute } from './faults';
export {
  type PlanRequest,
  planTask,
  promptMarkers,
  type QueuedStatus,
  type SimulatedOutcome,
  type SimulatedStatus,
  type TaskPlan,
  type TaskState,
  taskStateAt,
} from './lifecycle';
export {
  type AspectRatio,
  defaultModelId,
  type LifecycleStage,
  type OperationLimits,
  type Resolution,
  type SimulatedModel,
  type VideoOperation,
  videoModels,
} from './models';
export { type Random, seededRandom } from './random';
export {
  type RateDecision,
  type RateLimit,
  RateLimiter,
  rateLimitedReply,
} from './rate-limiter';
export type { Reply } from './reply';
export {
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
  startSimulator,
} from './start-simulator';
export type { SimulatedTask } from './task-store';
