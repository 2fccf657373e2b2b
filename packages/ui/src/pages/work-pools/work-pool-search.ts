import { z } from 'zod';

/** The tabs of a work pool's page, in the URL (`?tab=workers`). */
export const WORK_POOL_TABS = ['queues', 'workers', 'runs', 'template'] as const;
export type WorkPoolTab = (typeof WORK_POOL_TABS)[number];

/** `/work-pools/$name?tab=workers`. */
export const WorkPoolSearch = z.object({ tab: z.enum(WORK_POOL_TABS).optional().catch(undefined) });
