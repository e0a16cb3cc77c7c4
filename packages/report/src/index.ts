export {
  renderAuditCsv,
  renderProposalCsv,
  AUDIT_CSV_COLUMNS,
  PROPOSAL_CSV_COLUMNS,
} from './audit-csv.js';
export { renderAuditHtml } from './audit-html.js';
export { escapeHtml } from './html-escape.js';
