import { type BaseJobTemplate, PROCESS_BASE_JOB_TEMPLATE } from '@weft/schemas';

export { PROCESS_BASE_JOB_TEMPLATE };

/** The template a pool of an unknown type gets when created without one. */
export const EMPTY_BASE_JOB_TEMPLATE: BaseJobTemplate = {
  jobConfiguration: {},
  variables: { type: 'object', properties: {} },
};

/** The built-in default template of a worker type, when the server knows one. */
export function defaultBaseJobTemplate(type: string): BaseJobTemplate {
  return structuredClone(type === 'process' ? PROCESS_BASE_JOB_TEMPLATE : EMPTY_BASE_JOB_TEMPLATE);
}
