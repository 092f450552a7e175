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
export { type SimulatedModel, type VideoMode, videoModels } from './models';
export { type Random, seededRandom } from './random';
export type { RateLimit } from './rate-limiter';
export {
  type Simulator,
  type SimulatorOptions,
  type SimulatorStats,
  startSimulator,
} from './start-simulator';
export type { SimulatedTask } from './task-store';
