export {
  fhirToDataset,
  ndjsonToDataset,
  FhirMappingError,
  type FhirImportOptions,
  type FhirImportResult,
} from './fhir-to-dataset.js';
export { datasetToFhir } from './dataset-to-fhir.js';
export { formatFhirProblem, type FhirImportReport, type FhirProblem } from './import-report.js';
export type { NdjsonFile } from './fhir-input.js';
export { CARE_MANAGEMENT_BILLING_CODES, CARE_MANAGEMENT_SNOMED } from './care-management-codes.js';
export { CHRONICLE_CODES, CHRONICLE_ID, EXTENSION } from './systems.js';
