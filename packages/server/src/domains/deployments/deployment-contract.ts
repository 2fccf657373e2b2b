// The deployment service contract, typed by schema types only (it is part of the router's type).
// Placeholder until the deployments domain lands; its owner replaces this file.

/** Deployments, their schedules and their runs. */
export type DeploymentService = Record<string, never>;
