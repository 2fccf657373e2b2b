import { router } from '../../trpc/init';

/** `deployments.*` procedures. */
export const deploymentRouter = router({});
