import { z } from 'zod';

/** The tabs of a deployment's page, in the URL (`?tab=schedules`). */
export const DEPLOYMENT_TABS = ['runs', 'upcoming', 'schedules', 'parameters', 'configuration'] as const;
export type DeploymentTab = (typeof DEPLOYMENT_TABS)[number];

/** `/deployments?q=etl&page=2`. */
export const DeploymentsSearch = z.object({
  q: z.string().optional(),
  page: z.number().int().min(1).optional(),
});

/** `/deployments/$id?tab=schedules`. */
export const DeploymentSearch = z.object({ tab: z.enum(DEPLOYMENT_TABS).optional().catch(undefined) });
