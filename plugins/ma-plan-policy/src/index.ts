import type { ProposedPluginContext } from '@chronicle/plugin-api/proposed';
import { careplanReviewPanel, systemToday } from './care-plan-review-panel.js';
import { careplanReviewOverdue } from './careplan-review-overdue.js';
import { claimDxFewerThanTwo } from './claim-dx-fewer-than-two.js';
import { planChecksSection } from './plan-checks-section.js';
import { DEFAULT_PLAN_POLICY, parsePlanPolicy, POLICY_ID } from './plan-policy.js';

// The policy pack of Riverbend Advantage, a fictional Medicare Advantage plan (see
// README.md). chronicle-plugin.json declares what activate registers: two rules, the
// policy options they read, a report section (proposed API) and a console panel
// (proposed API). List it in chronicle.config.json after the CMS pack.

/** Registers the policy, then the rules, section and panel built on its values. */
export function activate(context: ProposedPluginContext): void {
  context.registerPolicy({ id: POLICY_ID, defaults: DEFAULT_PLAN_POLICY });
  // The values in force: the defaults with the config file's values laid over them. A bad
  // value throws here, failing the plugin with a message naming the option.
  const policy = parsePlanPolicy(context.policy(POLICY_ID));
  const rules = [careplanReviewOverdue(policy), claimDxFewerThanTwo(policy)];
  for (const rule of rules) context.registerRule(rule);
  context.registerReportSection(
    planChecksSection(
      rules.map((r) => r.meta),
      policy,
    ),
  );
  context.registerConsolePanel(careplanReviewPanel(policy, systemToday));
}

export { CAREPLAN_REVIEW_OVERDUE, careplanReviewOverdueMeta } from './careplan-review-overdue.js';
export { CLAIM_DX_FEWER_THAN_TWO, claimDxFewerThanTwoMeta } from './claim-dx-fewer-than-two.js';
export { PANEL_ID, reviewStatus, type ReviewStatus } from './care-plan-review-panel.js';
export { SECTION_ID } from './plan-checks-section.js';
export {
  DEFAULT_PLAN_POLICY,
  planPolicySchema,
  POLICY_ID,
  type PlanPolicy,
} from './plan-policy.js';
