import { z } from 'zod';

// Pull steps run on the worker before the entrypoint is loaded (reference §4.6). String values
// may hold templates: `{{ step-id.key }}` (an earlier step's output), `{{ $ENV_VAR }}`.

const StepMeta = { id: z.string().min(1).optional() };

/** Clone a git repository; outputs `{ directory }`. `accessToken` and `credentials` exclude each other. */
export const GitCloneStep = z
  .object({
    gitClone: z
      .object({
        repository: z.string().min(1),
        branch: z.string().optional(),
        commitSha: z.string().optional(),
        includeSubmodules: z.boolean().optional(),
        /** A token (or a `{{ $ENV }}` template) used as the HTTPS password. */
        accessToken: z.string().optional(),
        /** `{ username, password }` (or `{ token }`), e.g. from a block. */
        credentials: z.record(z.string(), z.string()).optional(),
        directories: z.array(z.string()).optional(),
        cloneDirectoryName: z.string().optional(),
        ...StepMeta,
      })
      .strict()
      .refine((step) => !(step.accessToken && step.credentials), {
        message: 'gitClone takes accessToken or credentials, not both',
      }),
  })
  .strict();

/** Change the working directory; outputs `{ directory }`. */
export const SetWorkingDirectoryStep = z
  .object({ setWorkingDirectory: z.object({ directory: z.string().min(1), ...StepMeta }).strict() })
  .strict();

/** Run a shell script; outputs `{ stdout, stderr }`. */
export const RunShellScriptStep = z
  .object({
    runShellScript: z
      .object({
        script: z.string().min(1),
        directory: z.string().optional(),
        env: z.record(z.string(), z.string()).optional(),
        /** @default true */
        streamOutput: z.boolean().optional(),
        expandEnvVars: z.boolean().optional(),
        ...StepMeta,
      })
      .strict(),
  })
  .strict();

/** One pull step. */
export const PullStep = z.union([GitCloneStep, SetWorkingDirectoryStep, RunShellScriptStep]);
export type PullStep = z.infer<typeof PullStep>;
