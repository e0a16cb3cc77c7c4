// @chronicle/plugin-api/host: what an application uses to load and run plugins (the CLI
// and the server). Plugins themselves import `@chronicle/plugin-api`.

export {
  createPluginHost,
  type ConsolePanelInfo,
  type PanelData,
  type PluginHost,
  type PluginHostOptions,
  type PluginInfo,
  type RenderedReportSection,
} from './host/plugin-host.js';
export type { PluginState } from './host/plugin-record.js';
export { inProcessPlugin, type PluginSource } from './host/plugin-source.js';
export {
  ConfigError,
  loadPluginConfig,
  readPluginFolder,
  type LoadConfigOptions,
  type LoadedConfig,
} from './config/load-config.js';
export {
  chronicleConfigSchema,
  CONFIG_FILE_NAME,
  type ChronicleConfig,
  type PluginEntry,
} from './config/config-schema.js';
export {
  validateManifest,
  activationEventsOf,
  type ManifestValidation,
  type PluginManifest,
} from './manifest/validate-manifest.js';
export {
  API_PROPOSALS,
  CONTRIBUTION_POINTS,
  CONTRIBUTION_POINT_NAMES,
  type ApiProposal,
  type ContributionPointName,
} from './manifest/contribution-points.js';
export { isActivationEvent, type ActivationEvent } from './manifest/activation-events.js';
export { manifestSchema, pluginJsonSchemas } from './manifest/json-schemas.js';
export { formatPluginProblem, type PluginProblem, type ProblemPoint } from './problems.js';
export { CHRONICLE_VERSION } from './version.js';
