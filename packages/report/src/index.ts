export { renderAuditCsv, AUDIT_CSV_COLUMNS } from './audit-csv.js';
export { renderProposalCsv, PROPOSAL_CSV_COLUMNS } from './proposal-csv.js';
export { renderAuditHtml } from './audit-html.js';
export { escapeHtml } from './html-escape.js';
export {
  compareReports,
  type MonthChange,
  type MonthSide,
  type WhatIfReport,
} from './what-if/compare-reports.js';
export { renderWhatIfCsv, WHAT_IF_CSV_COLUMNS } from './what-if/what-if-csv.js';
export { renderAuditPdf } from './audit-pdf.js';
export type { AuditRenderOptions } from './audit-figures.js';
export type { PluginReportSection, PluginSectionRow } from './plugin-sections.js';
export { sampleReport, type SampleReportOptions } from './sampling/apply-sample.js';
export { drawSample, type DrawOptions, type DrawResult } from './sampling/draw.js';
export {
  DEFAULT_CONFIDENCE,
  estimateFromSample,
  estimateTotal,
  roundEstimate,
  type SampledMonthValues,
  type StratumValues,
} from './sampling/estimate.js';
export {
  sampleSizeForAmount,
  sampleSizeForErrorRate,
  type AmountSampleSizeInput,
  type RateSampleSizeInput,
  type SampleSizeResult,
} from './sampling/sample-size.js';
export { allocate } from './sampling/allocation.js';
export { buildFrame, compareCodePoints, FRAME_ORDER, type FrameMonth } from './sampling/frame.js';
export { createSeededRandom, GENERATOR_DESCRIPTION, type SeededRandom } from './sampling/random.js';
export { SamplingError } from './sampling/sampling-error.js';
