import type { BaseJobTemplate } from './work-pool';

/**
 * The base job template of the core `process` worker type: the variables a process worker
 * understands (reference §5.5), each filled into the job configuration. The server gives it to a
 * `process` pool created without a template; the engine's process worker reads the same one.
 */
export const PROCESS_BASE_JOB_TEMPLATE: BaseJobTemplate = {
  jobConfiguration: {
    command: '{{ command }}',
    env: '{{ env }}',
    name: '{{ name }}',
    labels: '{{ labels }}',
    streamOutput: '{{ streamOutput }}',
    workingDir: '{{ workingDir }}',
  },
  variables: {
    type: 'object',
    properties: {
      command: {
        type: 'string',
        title: 'Command',
        description: 'The command that starts the flow run; the worker picks its own when unset.',
      },
      env: {
        type: 'object',
        title: 'Environment variables',
        description: 'Environment variables of the flow run process.',
        additionalProperties: { type: 'string' },
      },
      name: {
        type: 'string',
        title: 'Name',
        description: 'A name for the process, shown in logs.',
      },
      labels: {
        type: 'object',
        title: 'Labels',
        description: 'Labels of the process.',
        additionalProperties: { type: 'string' },
      },
      streamOutput: {
        type: 'boolean',
        title: 'Stream output',
        description: "Whether the worker forwards the process's output to its own.",
        default: true,
      },
      workingDir: {
        type: 'string',
        title: 'Working directory',
        description: "The directory the process starts in; the worker's own when unset.",
      },
    },
  },
};
