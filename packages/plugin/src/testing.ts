/**
 * @weft/plugin/testing — the conformance suite every plugin runs in its tests (needs vitest).
 */
export type { PluginConformanceOptions } from './testing/describe-plugin-conformance';
export { describePluginConformance } from './testing/describe-plugin-conformance';
