export {
  generateDataset,
  type GenerateOptions,
  type Generated,
  type InjectedFault,
} from './generate.js';
export { FAULT_KINDS, type FaultKind } from './faults.js';
export { seeded, type Random } from './random.js';
