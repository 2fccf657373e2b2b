// What a process worker's child runs in the engine's tests: `weft flow-run execute` without the CLI.
import { executeFlowRun, flushEngine } from '@weft/engine';

const id = process.env.WEFT_FLOW_RUN_ID;
if (!id) throw new Error('WEFT_FLOW_RUN_ID is not set');
const outcome = await executeFlowRun(id);
await flushEngine();
process.exitCode = outcome.state.type === 'COMPLETED' ? 0 : 1;
