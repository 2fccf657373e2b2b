import { z } from 'zod';

/** The tabs of the flow run page, by their URL value (`?tab=logs`), in the order shown. */
export const FLOW_RUN_TABS = [
  'graph',
  'timeline',
  'logs',
  'task-runs',
  'subflows',
  'artifacts',
  'parameters',
  'result',
  'details',
] as const;
export type FlowRunTab = (typeof FLOW_RUN_TABS)[number];

/** `/runs/flow-run/$id?tab=logs`: the open tab is part of the URL; an unknown tab opens the graph. */
export const FlowRunSearch = z.object({
  tab: z.enum(FLOW_RUN_TABS).optional().catch(undefined),
});
