import type { Deployment, FlowRun } from '@weft/schemas';

/**
 * The parameter and result types of a flow, carried by flows and deployment handles for the type
 * checker only (the property is never set at run time). `@weft/client` reads the same shape, so a
 * client-only program can type-check `runDeployment<typeof etl>(…)` without importing the engine.
 */
export interface FlowTypes<TParams, TResult> {
  parameters: TParams;
  result: TResult;
}

/** Anything that carries {@link FlowTypes}: a flow or a deployment handle. */
export interface HasFlowTypes<TParams = Record<string, unknown>, TResult = unknown> {
  readonly '~types'?: FlowTypes<TParams, TResult> | undefined;
}

/** The parameters of a flow or deployment handle (an open record for untyped ones). */
export type InferParameters<T> = T extends { readonly '~types'?: infer U }
  ? NonNullable<U> extends FlowTypes<infer P, unknown>
    ? P
    : Record<string, unknown>
  : Record<string, unknown>;

/** The result of a flow or deployment handle. */
export type InferResult<T> = T extends { readonly '~types'?: infer U }
  ? NonNullable<U> extends FlowTypes<unknown, infer R>
    ? R
    : unknown
  : unknown;

/** A flow run of a deployment, with a way to read its persisted result. */
export type DeploymentFlowRun<TResult = unknown> = FlowRun & {
  /**
   * The run's result, read from the result store when it completed (deployment runs persist their
   * result by default). Throws the run's error when it failed, and a `RunNotCompletedError`-like
   * error when it is not finished.
   */
  result(): Promise<TResult>;
};

/** A registered deployment, typed by its flow: what `flow.deploy()` and `serve` give back. */
export interface DeploymentHandle<TParams = Record<string, unknown>, TResult = unknown>
  extends HasFlowTypes<TParams, TResult> {
  /** The deployment's id. */
  readonly id: string;
  /** `flow-name/deployment-name`, as `runDeployment` and `weft deployment run` take it. */
  readonly name: string;
  /** The deployment as the server stored it (at registration time). */
  readonly deployment: Deployment;
}
