import {
  DateTime,
  Deployment,
  DeploymentClaimFlowRunsInput,
  DeploymentCountInput,
  DeploymentCreate,
  DeploymentFlowRunCreate,
  DeploymentListInput,
  DeploymentRef,
  DeploymentSchedule,
  DeploymentScheduleCreate,
  DeploymentScheduleUpdate,
  DeploymentUpdate,
  FlowRun,
  Uuid,
} from '@weft/schemas';
import { z } from 'zod';
import { procedure, router } from '../../trpc/init';

const ById = z.object({ id: Uuid }).strict();

/** `deployments.*` procedures. */
export const deploymentRouter = router({
  /** Create, or update the deployment with the same flow and name. */
  create: procedure
    .input(DeploymentCreate)
    .output(Deployment)
    .mutation(({ ctx, input }) => ctx.services.deployments.create(input)),
  /** By id or by `flow-name/deployment-name`. */
  read: procedure
    .input(DeploymentRef)
    .output(Deployment)
    .query(({ ctx, input }) => ctx.services.deployments.get(input)),
  list: procedure
    .input(DeploymentListInput)
    .output(z.array(Deployment))
    .query(({ ctx, input }) => ctx.services.deployments.list(input)),
  count: procedure
    .input(DeploymentCountInput)
    .output(z.number().int())
    .query(({ ctx, input }) => ctx.services.deployments.count(input.filter)),
  update: procedure
    .input(DeploymentUpdate)
    .output(Deployment)
    .mutation(({ ctx, input }) => ctx.services.deployments.update(input)),
  delete: procedure
    .input(ById)
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.deployments.delete(input.id)),
  /** Stop scheduling; deletes its not-yet-run auto-scheduled runs. */
  pause: procedure
    .input(ById)
    .output(Deployment)
    .mutation(({ ctx, input }) => ctx.services.deployments.pause(input.id)),
  resume: procedure
    .input(ById)
    .output(Deployment)
    .mutation(({ ctx, input }) => ctx.services.deployments.resume(input.id)),
  listSchedules: procedure
    .input(z.object({ deploymentId: Uuid }).strict())
    .output(z.array(DeploymentSchedule))
    .query(({ ctx, input }) => ctx.services.deployments.listSchedules(input.deploymentId)),
  createSchedule: procedure
    .input(DeploymentScheduleCreate)
    .output(DeploymentSchedule)
    .mutation(({ ctx, input }) => ctx.services.deployments.createSchedule(input)),
  updateSchedule: procedure
    .input(DeploymentScheduleUpdate)
    .output(DeploymentSchedule)
    .mutation(({ ctx, input }) => ctx.services.deployments.updateSchedule(input)),
  deleteSchedule: procedure
    .input(z.object({ deploymentId: Uuid, id: Uuid }).strict())
    .output(ById)
    .mutation(({ ctx, input }) => ctx.services.deployments.deleteSchedule(input)),
  /** A run of the deployment, with its parameters, job variables and tags. */
  createFlowRun: procedure
    .input(DeploymentFlowRunCreate)
    .output(FlowRun)
    .mutation(({ ctx, input }) => ctx.services.deployments.createFlowRun(input)),
  /** The `serve` path: take the due runs of these deployments, each moved to Pending. */
  claimFlowRuns: procedure
    .input(DeploymentClaimFlowRunsInput)
    .output(z.array(FlowRun))
    .mutation(({ ctx, input }) => ctx.services.deployments.claimFlowRuns(input)),
  /** Keep a running run's concurrency slot; `expiresAt` null when it holds no live lease. */
  renewConcurrencyLease: procedure
    .input(z.object({ flowRunId: Uuid }).strict())
    .output(z.object({ expiresAt: DateTime.nullable() }))
    .mutation(({ ctx, input }) => ctx.services.deployments.renewConcurrencyLease(input)),
});
