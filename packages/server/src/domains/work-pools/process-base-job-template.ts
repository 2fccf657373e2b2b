import type { BaseJobTemplate } from '@weft/schemas';

/**
 * The base job template a `process` pool gets when it is created without one: the variables a
 * process worker understands (reference §5.5), each filled into the job configuration.
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
        description: 'The directory the process starts in; a temporary one when unset.',
      },
    },
  },
};

/** The template a pool of an unknown type gets when created without one. */
export const EMPTY_BASE_JOB_TEMPLATE: BaseJobTemplate = {
  jobConfiguration: {},
  variables: { type: 'object', properties: {} },
};

/** The built-in default template of a worker type, when the server knows one. */
export function defaultBaseJobTemplate(type: string): BaseJobTemplate {
  return structuredClone(type === 'process' ? PROCESS_BASE_JOB_TEMPLATE : EMPTY_BASE_JOB_TEMPLATE);
}
