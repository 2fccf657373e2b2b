import type {
  Deployment,
  DeploymentClaimFlowRunsInput,
  DeploymentCreate,
  DeploymentFilter,
  DeploymentFlowRunCreate,
  DeploymentListInput,
  DeploymentRef,
  DeploymentSchedule,
  DeploymentScheduleCreate,
  DeploymentScheduleUpdate,
  DeploymentUpdate,
  FlowRun,
} from '@weft/schemas';
import type { z } from 'zod';

// The deployment service contract, typed by schema types only (it is part of the router's type).

/** Deployments, their schedules and their runs. */
export interface DeploymentService {
  /** Create, or update the deployment with the same flow and name (an upsert). */
  create(input: z.output<typeof DeploymentCreate>): Promise<Deployment>;
  get(ref: DeploymentRef): Promise<Deployment>;
  list(input: z.output<typeof DeploymentListInput>): Promise<Deployment[]>;
  count(filter: DeploymentFilter | undefined): Promise<number>;
  update(input: z.output<typeof DeploymentUpdate>): Promise<Deployment>;
  delete(id: string): Promise<{ id: string }>;
  /** Pause: no more scheduled runs; its not-yet-run auto-scheduled runs are deleted. */
  pause(id: string): Promise<Deployment>;
  resume(id: string): Promise<Deployment>;
  listSchedules(deploymentId: string): Promise<DeploymentSchedule[]>;
  createSchedule(input: z.output<typeof DeploymentScheduleCreate>): Promise<DeploymentSchedule>;
  updateSchedule(input: z.output<typeof DeploymentScheduleUpdate>): Promise<DeploymentSchedule>;
  deleteSchedule(input: { deploymentId: string; id: string }): Promise<{ id: string }>;
  /** A run of the deployment (reference §4.7). */
  createFlowRun(input: z.output<typeof DeploymentFlowRunCreate>): Promise<FlowRun>;
  /** The `serve` path: take the due runs of these deployments, each moved to Pending. */
  claimFlowRuns(input: z.output<typeof DeploymentClaimFlowRunsInput>): Promise<FlowRun[]>;
  /** Keep a running run's deployment concurrency slot; null when it holds no live lease. */
  renewConcurrencyLease(input: { flowRunId: string }): Promise<{ expiresAt: Date | null }>;
}
