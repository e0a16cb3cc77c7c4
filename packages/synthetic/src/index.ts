export {
  generateDataset,
  generateDatasetWithManifest,
  type GenerateOptions,
  type GeneratedDataset,
  type InjectedFault,
} from './generate.js';
export {
  FAULT_KINDS,
  applicableFaults,
  type FaultKind,
  type FaultKindInfo,
} from './fault-kinds.js';
export { FAMILY_NAMES, GIVEN_NAMES, SYNTHETIC_SUFFIX } from './identities.js';
export { seeded, type Random } from './random.js';
