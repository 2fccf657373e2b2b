// Seeds a fresh database for the ui-queries scenario straight in SQL (insert … select
// generate_series), in seconds: flows, deployments, flow runs over 30 days with mixed states, tags
// and a current state row each, 10 chained task runs per flow run (with state rows), and one big
// run of BIG_RUN_TASKS task runs for the graph.
import type { WeftServerInternals } from '@weft/server/internal';

type Db = WeftServerInternals['resources']['db'];

/** What was seeded, for the queries to aim at. */
export interface Seeded {
  flowId: string;
  deploymentId: string;
  bigRunId: string;
  now: Date;
}

// Ids are md5 digests with the version (4) and variant nibbles set, so they are valid uuids.

/** Run one SQL statement (bench has no kysely of its own: the statement goes as a raw compiled query). */
async function exec<R = unknown>(db: Db, text: string): Promise<R[]> {
  const query = {
    sql: text,
    parameters: [],
    query: { kind: 'RawNode', sqlFragments: [text], parameters: [] },
    queryId: { queryId: 'ui-queries-seed' },
  } as unknown as Parameters<Db['executeQuery']>[0];
  return (await db.executeQuery(query)).rows as R[];
}

/**
 * A uuid v7-shaped id from a time and a seed expression, so ID_DESC sorts like real runs
 * (time-ordered ids) do.
 */
const uuid7At = (time: string, seed: string) =>
  `(lpad(to_hex(floor(extract(epoch from ${time}) * 1000)::bigint), 12, '0') || '7' || substr(md5(${seed}), 1, 3) || '8' || substr(md5(${seed}), 4, 15))::uuid`;

/** Seed `flowRuns` flow runs over 30 days ending `now`, 10 task runs each, and the big run. */
export async function seedUiData(db: Db, sizes: { flowRuns: number; bigRunTasks: number }): Promise<Seeded> {
  const now = new Date();
  const at = `'${now.toISOString()}'::timestamptz`;
  const run = (text: string) => exec(db, text);
  await run(`insert into flow (id, name)
    select overlay(overlay(md5('flow' || f) placing '4' from 13) placing '8' from 17)::uuid, 'bench-flow-' || f from generate_series(1, 20) f`);
  await run(`insert into deployment (id, name, flow_id)
    select overlay(overlay(md5('dep' || d) placing '4' from 13) placing '8' from 17)::uuid, 'bench-deployment-' || d, overlay(overlay(md5('flow' || d) placing '4' from 13) placing '8' from 17)::uuid from generate_series(1, 10) d`);

  // s = g % 50 picks the state: 0 Failed, 1 Crashed, 2 Cancelled, 3 Late, 4 Scheduled, 5 Running,
  // 6 Pending, else Completed. Flows 1–10 run through their deployment.
  await run(`insert into flow_run (id, name, flow_id, deployment_id, tags, run_count, expected_start_time,
      start_time, end_time, total_run_time, state_id, state_type, state_name, state_timestamp)
    select ${uuid7At('e', "'run' || g")}, 'run-' || g, overlay(overlay(md5('flow' || (g % 20 + 1)) placing '4' from 13) placing '8' from 17)::uuid,
      case when g % 20 < 10 then overlay(overlay(md5('dep' || (g % 20 + 1)) placing '4' from 13) placing '8' from 17)::uuid end,
      case g % 3 when 0 then '{env:prod}'::text[] when 1 then '{env:dev,team:data}'::text[] else '{}'::text[] end,
      case when s in (3, 4, 6) then 0 else 1 end, e, st, en, coalesce(extract(epoch from en - st), 0),
      overlay(overlay(md5('state' || g) placing '4' from 13) placing '8' from 17)::uuid, ty, nm, coalesce(en, st, e)
    from (
      select g, s, e,
        case when s in (3, 4, 6) then null else e + (g % 7) * interval '1 second' end as st,
        case when s in (3, 4, 5, 6) then null else e + (g % 7 + 5 + g % 120) * interval '1 second' end as en,
        (array['FAILED','CRASHED','CANCELLED','SCHEDULED','SCHEDULED','RUNNING','PENDING'])[s + 1] as ty0,
        (array['Failed','Crashed','Cancelled','Late','Scheduled','Running','Pending'])[s + 1] as nm0
      from (
        select g, g % 50 as s,
          ${at} - interval '30 days' + (g - 1) * (interval '30 days' / ${sizes.flowRuns}) as e
        from generate_series(1, ${sizes.flowRuns}) g
      ) base
    ) runs, lateral (select coalesce(ty0, 'COMPLETED') as ty, coalesce(nm0, 'Completed') as nm) names`);
  await run(`insert into flow_run_state (id, flow_run_id, type, name, timestamp)
    select state_id, id, state_type, state_name, state_timestamp from flow_run`);

  // The big run, for the graph: RUNNING, its tasks each waiting for the one before and 10 before.
  const bigRunId = (
    await exec<{ id: string }>(
      db,
      `select overlay(overlay(md5('big-run') placing '4' from 13) placing '8' from 17)::uuid as id`,
    )
  )[0]!.id;
  await run(`insert into flow_run (id, name, flow_id, run_count, expected_start_time, start_time,
      state_id, state_type, state_name, state_timestamp)
    values ('${bigRunId}', 'bench-big-run', overlay(overlay(md5('flow1') placing '4' from 13) placing '8' from 17)::uuid, 1, ${at} - interval '1 hour',
      ${at} - interval '1 hour', overlay(overlay(md5('big-state') placing '4' from 13) placing '8' from 17)::uuid, 'RUNNING', 'Running', ${at} - interval '1 hour')`);
  await run(`insert into flow_run_state (id, flow_run_id, type, name, timestamp)
    values (overlay(overlay(md5('big-state') placing '4' from 13) placing '8' from 17)::uuid, '${bigRunId}', 'RUNNING', 'Running', ${at} - interval '1 hour')`);

  // 10 task runs per flow run, each taking the previous one's result; states follow the run's.
  await run(`insert into task_run (id, name, flow_run_id, task_key, dynamic_key, task_inputs, run_count,
      expected_start_time, start_time, end_time, total_run_time, state_id, state_type, state_name, state_timestamp)
    select overlay(overlay(md5(fr.id::text || '/' || k) placing '4' from 13) placing '8' from 17)::uuid, 'task-' || k, fr.id, 'bench-task-' || k, '0',
      case when k = 1 then '{}'::jsonb else jsonb_build_object('x', jsonb_build_array(jsonb_build_object(
        'inputType', 'task_run', 'id', overlay(overlay(md5(fr.id::text || '/' || (k - 1)) placing '4' from 13) placing '8' from 17)::uuid))) end,
      case when t.ty = 'PENDING' then 0 else 1 end,
      fr.expected_start_time + k * interval '1 second', t.st, t.en, coalesce(extract(epoch from t.en - t.st), 0),
      overlay(overlay(md5('tstate' || fr.id::text || '/' || k) placing '4' from 13) placing '8' from 17)::uuid, t.ty, initcap(t.ty), coalesce(t.en, t.st, fr.expected_start_time)
    from flow_run fr cross join generate_series(1, 10) k,
    lateral (select x.ty,
        case when x.ty = 'PENDING' then null else fr.expected_start_time + k * interval '1 second' end as st,
        case when x.ty in ('PENDING', 'RUNNING') then null else fr.expected_start_time + (k + 1) * interval '1 second' end as en
      from (select case
        when fr.state_type = 'COMPLETED' then 'COMPLETED'
        when fr.state_type in ('FAILED', 'CRASHED') then case when k = 10 then 'FAILED' else 'COMPLETED' end
        when fr.state_type = 'RUNNING' then case when k < 5 then 'COMPLETED' when k = 5 then 'RUNNING' else 'PENDING' end
        else 'PENDING' end as ty) x) t
    where fr.id <> '${bigRunId}'`);
  await run(`insert into task_run (id, name, flow_run_id, task_key, dynamic_key, task_inputs, run_count,
      expected_start_time, start_time, end_time, total_run_time, state_id, state_type, state_name, state_timestamp)
    select overlay(overlay(md5('big/' || k) placing '4' from 13) placing '8' from 17)::uuid, 'big-task-' || k, '${bigRunId}', 'big-task', k::text,
      case when k = 1 then '{}'::jsonb else jsonb_build_object(
        'x', jsonb_build_array(jsonb_build_object('inputType', 'task_run', 'id', overlay(overlay(md5('big/' || (k - 1)) placing '4' from 13) placing '8' from 17)::uuid)),
        'wait_for', case when k > 10 then jsonb_build_array(jsonb_build_object('inputType', 'task_run',
          'id', overlay(overlay(md5('big/' || (k - 10)) placing '4' from 13) placing '8' from 17)::uuid)) else '[]'::jsonb end) end,
      1, ${at} - interval '1 hour' + k * interval '1 second',
      ${at} - interval '1 hour' + k * interval '1 second',
      ${at} - interval '1 hour' + (k + 1) * interval '1 second', 1,
      overlay(overlay(md5('bigstate/' || k) placing '4' from 13) placing '8' from 17)::uuid, 'COMPLETED', 'Completed', ${at} - interval '1 hour' + (k + 1) * interval '1 second'
    from generate_series(1, ${sizes.bigRunTasks}) k`);
  await run(`insert into task_run_state (id, task_run_id, type, name, timestamp)
    select state_id, id, state_type, state_name, state_timestamp from task_run`);
  // What autovacuum would do for a table this size: statistics and a visibility map (index-only scans).
  await run(`vacuum analyze`);
  const [ids] = await exec<{ flow: string; dep: string }>(
    db,
    `select overlay(overlay(md5('flow1') placing '4' from 13) placing '8' from 17)::uuid as flow, overlay(overlay(md5('dep1') placing '4' from 13) placing '8' from 17)::uuid as dep`,
  );
  return { flowId: ids!.flow, deploymentId: ids!.dep, bigRunId, now };
}
