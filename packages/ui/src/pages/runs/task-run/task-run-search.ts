import { z } from 'zod';

/** The tabs of the task run page, by their URL value (`?tab=states`), in the order shown. */
export const TASK_RUN_TABS = ['logs', 'inputs', 'states', 'result'] as const;
export type TaskRunTab = (typeof TASK_RUN_TABS)[number];

/** `/runs/task-run/$id?tab=states`: the open tab is part of the URL; an unknown tab opens the logs. */
export const TaskRunSearch = z.object({
  tab: z.enum(TASK_RUN_TABS).optional().catch(undefined),
});
