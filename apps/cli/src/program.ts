import { Command } from 'commander';
import { registerArtifactCommand } from './commands/artifact';
import { registerBlockCommand } from './commands/block';
import { registerConcurrencyLimitCommand } from './commands/concurrency-limit';
import { registerConfigCommand } from './commands/config';
import { registerDeployCommand } from './commands/deploy';
import { registerDeploymentCommand } from './commands/deployment';
import { registerFlowRunCommand } from './commands/flow-run';
import { registerProfileCommand } from './commands/profile';
import { registerRunCommand } from './commands/run';
import { registerServerCommand } from './commands/server';
import { registerTaskRunCommand } from './commands/task-run';
import { registerVariableCommand } from './commands/variable';
import { registerVersionCommand } from './commands/version';
import { registerWorkPoolCommand } from './commands/work-pool';
import { registerWorkQueueCommand } from './commands/work-queue';
import { registerWorkerCommand } from './commands/worker';
import { type CliIo, createContext } from './context';
import { cliVersion } from './version';

/**
 * Build the `weft` program. Commands load their heavy dependencies (server, client, tsx) only
 * when they run, so `weft config view` stays fast.
 * @example await createProgram().parseAsync(['node', 'weft', 'config', 'view'])
 */
export function createProgram(io: Partial<CliIo> = {}): Command {
  const ctx = createContext({
    stdout: io.stdout ?? process.stdout,
    stderr: io.stderr ?? process.stderr,
    env: io.env ?? process.env,
    now: io.now,
  });
  const program = new Command('weft')
    .description('Weft: workflow orchestration for TypeScript')
    .version(cliVersion(), '-V, --version', 'print the CLI version')
    .option('--profile <name>', 'use this profile instead of the active one (or set WEFT_PROFILE)')
    .option('--api-url <url>', 'the server to talk to (overrides WEFT_API_URL)')
    .showSuggestionAfterError()
    .configureOutput({
      writeOut: (text) => void (io.stdout ?? process.stdout).write(text),
      writeErr: (text) => void (io.stderr ?? process.stderr).write(text),
    });
  registerServerCommand(program, ctx);
  registerRunCommand(program, ctx);
  registerDeployCommand(program, ctx);
  registerFlowRunCommand(program, ctx);
  registerTaskRunCommand(program, ctx);
  registerDeploymentCommand(program, ctx);
  registerWorkPoolCommand(program, ctx);
  registerWorkQueueCommand(program, ctx);
  registerConfigCommand(program, ctx);
  registerProfileCommand(program, ctx);
  registerWorkerCommand(program, ctx);
  registerConcurrencyLimitCommand(program, ctx);
  registerVariableCommand(program, ctx);
  registerArtifactCommand(program, ctx);
  registerBlockCommand(program, ctx);
  registerVersionCommand(program, ctx);
  return program;
}
