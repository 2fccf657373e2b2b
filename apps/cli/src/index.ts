/**
 * @weft/cli: the `weft` command as a library, for tests and embedding. Settings and output helpers
 * are exported so other tools can resolve the same configuration.
 */
export { DEFAULT_API_URL } from './api';
export type { ProfilesFile } from './config/profiles';
export { DEFAULT_PROFILE } from './config/profiles';
export type { ResolvedSetting, SettingKey, SettingLayers, SettingSource, Settings } from './config/settings';
export { resolveSettings, SETTING_KEYS } from './config/settings';
export type { CliIo, OutputStream } from './context';
export { CliError } from './errors';
export type { Column, TableOptions } from './output/table';
export { renderTable } from './output/table';
export { createProgram } from './program';
