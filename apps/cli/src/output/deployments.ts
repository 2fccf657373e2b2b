import type { Deployment, DeploymentSchedule, Schedule, Worker, WorkPool, WorkQueue } from '@weft/schemas';
import type { CliContext } from '../context';
import { renderDetails } from './details';
import { formatRelativeTime, formatTimestamp } from './format';
import { renderTable } from './table';

/** `cron 0 9 * * * (Europe/Berlin)`, `every 3600s`, `rrule FREQ=DAILY`. */
export function describeSchedule(schedule: Schedule): string {
  const zone = schedule.timezone ? ` (${schedule.timezone})` : '';
  if ('cron' in schedule) return `cron ${schedule.cron}${zone}${schedule.dayOr ? '' : ' [day AND]'}`;
  if ('interval' in schedule) return `every ${schedule.interval}s${zone}`;
  return `rrule ${schedule.rrule}${zone}`;
}

/** The deployment table for people. */
export function deploymentTable(deployments: readonly Deployment[], ctx: CliContext): string {
  return renderTable(
    deployments,
    [
      { header: 'NAME', value: (d) => `${d.flowName}/${d.name}`, flex: true },
      { header: 'ID', value: (d) => d.id, optional: true },
      { header: 'WORK POOL', value: (d) => d.workPoolName ?? '(serve)' },
      { header: 'SCHEDULES', value: (d) => String(d.schedules.filter((s) => s.active).length) },
      {
        header: 'STATUS',
        value: (d) => (d.paused ? 'PAUSED' : d.status),
        color: (d) => (d.paused ? 'yellow' : d.status === 'READY' ? 'green' : 'gray'),
      },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** The schedules of a deployment for people. */
export function scheduleTable(schedules: readonly DeploymentSchedule[], ctx: CliContext): string {
  return renderTable(
    schedules,
    [
      { header: 'ID', value: (s) => s.id },
      { header: 'SLUG', value: (s) => s.slug ?? '-' },
      { header: 'SCHEDULE', value: (s) => describeSchedule(s.schedule), flex: true },
      {
        header: 'ACTIVE',
        value: (s) => (s.active ? 'yes' : 'no'),
        color: (s) => (s.active ? 'green' : 'gray'),
      },
      {
        header: 'PARAMETERS',
        value: (s) => (Object.keys(s.parameters).length ? JSON.stringify(s.parameters) : '-'),
        optional: true,
        flex: true,
      },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** `deployment inspect`. */
export function deploymentDetails(d: Deployment, ctx: CliContext): string {
  const now = ctx.now();
  const details = renderDetails([
    ['ID', d.id],
    ['Name', `${d.flowName}/${d.name}`],
    ['Status', d.paused ? 'PAUSED' : d.status],
    ['Version', d.version ?? '-'],
    ['Description', d.description ?? '-'],
    ['Entrypoint', d.entrypoint ?? '-'],
    ['Work pool', d.workPoolName ? `${d.workPoolName} / ${d.workQueueName ?? 'default'}` : '(serve)'],
    ['Parameters', JSON.stringify(d.parameters)],
    ['Job variables', JSON.stringify(d.jobVariables)],
    ['Enforce schema', d.enforceParameterSchema ? 'yes' : 'no'],
    [
      'Concurrency',
      d.concurrencyLimit === null
        ? 'unlimited'
        : `${d.concurrencyLimit} (${d.concurrencyOptions?.collisionStrategy ?? 'ENQUEUE'})`,
    ],
    ['Tags', d.tags.length ? d.tags.join(', ') : '-'],
    ['Last polled', formatRelativeTime(d.lastPolled, now)],
    ['Updated', formatTimestamp(d.updatedAt, now)],
  ]);
  const schedules = d.schedules.length ? scheduleTable(d.schedules, ctx) : 'none\n';
  return `${details}\n\nSchedules\n${schedules}`;
}

/** The work pool table for people. */
export function workPoolTable(pools: readonly WorkPool[], ctx: CliContext): string {
  return renderTable(
    pools,
    [
      { header: 'NAME', value: (p) => p.name, flex: true },
      { header: 'TYPE', value: (p) => p.type },
      { header: 'ID', value: (p) => p.id, optional: true },
      { header: 'LIMIT', value: (p) => (p.concurrencyLimit === null ? '-' : String(p.concurrencyLimit)) },
      {
        header: 'STATUS',
        value: (p) => p.status,
        color: (p) => (p.status === 'READY' ? 'green' : p.status === 'PAUSED' ? 'yellow' : 'gray'),
      },
    ],
    { width: ctx.width, color: ctx.color },
  );
}

/** `work-pool inspect`: the pool, its queues and its workers. */
export function workPoolDetails(
  pool: WorkPool,
  queues: readonly WorkQueue[],
  workers: readonly Worker[],
  ctx: CliContext,
): string {
  const now = ctx.now();
  const details = renderDetails([
    ['ID', pool.id],
    ['Name', pool.name],
    ['Type', pool.type],
    ['Status', pool.status],
    ['Description', pool.description ?? '-'],
    ['Concurrency', pool.concurrencyLimit === null ? 'unlimited' : String(pool.concurrencyLimit)],
    ['Variables', Object.keys(templateProperties(pool)).join(', ') || '-'],
    ['Created', formatTimestamp(pool.createdAt, now)],
  ]);
  const workerRows = workers.length
    ? renderTable(
        workers,
        [
          { header: 'WORKER', value: (w) => w.name, flex: true },
          {
            header: 'STATUS',
            value: (w) => w.status,
            color: (w) => (w.status === 'ONLINE' ? 'green' : 'gray'),
          },
          { header: 'LAST HEARTBEAT', value: (w) => formatRelativeTime(w.lastHeartbeatTime, now) },
        ],
        { width: ctx.width, color: ctx.color },
      )
    : 'none\n';
  return `${details}\n\nQueues\n${workQueueTable(queues, ctx)}\nWorkers\n${workerRows}`;
}

function templateProperties(pool: WorkPool): Record<string, unknown> {
  const properties = (pool.baseJobTemplate.variables as { properties?: unknown }).properties;
  return properties && typeof properties === 'object' ? (properties as Record<string, unknown>) : {};
}

/** The work queue table for people. */
export function workQueueTable(queues: readonly WorkQueue[], ctx: CliContext): string {
  const now = ctx.now();
  if (queues.length === 0) return 'none\n';
  return renderTable(
    queues,
    [
      { header: 'NAME', value: (q) => q.name, flex: true },
      { header: 'POOL', value: (q) => q.workPoolName, optional: true },
      { header: 'PRIORITY', value: (q) => String(q.priority), align: 'right' },
      { header: 'LIMIT', value: (q) => (q.concurrencyLimit === null ? '-' : String(q.concurrencyLimit)) },
      {
        header: 'STATUS',
        value: (q) => q.status,
        color: (q) => (q.status === 'READY' ? 'green' : q.status === 'PAUSED' ? 'yellow' : 'gray'),
      },
      { header: 'LAST POLLED', value: (q) => formatRelativeTime(q.lastPolled, now), optional: true },
    ],
    { width: ctx.width, color: ctx.color },
  );
}
