export { renderAuditCsv, AUDIT_CSV_COLUMNS } from './audit-csv.js';
export { renderProposalCsv, PROPOSAL_CSV_COLUMNS } from './proposal-csv.js';
export { renderAuditHtml } from './audit-html.js';
export { escapeHtml } from './html-escape.js';
