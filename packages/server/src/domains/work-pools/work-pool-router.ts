import { router } from '../../trpc/init';

/** `workPools.*` procedures. */
export const workPoolRouter = router({});
/** `workQueues.*` procedures. */
export const workQueueRouter = router({});
/** `workers.*` procedures. */
export const workerRouter = router({});
