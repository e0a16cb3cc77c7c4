// The plan this pack encodes. Riverbend Advantage is a fictional Medicare Advantage plan,
// and its policy was written for this example: it shows how a payer's own rules are
// added to Chronicle, not what any real plan requires. The policy URL is a placeholder on
// example.org, labelled as such wherever it is shown.

/** The fictional plan's name, for messages and the report section. */
export const PLAN_NAME = 'Riverbend Advantage (a fictional Medicare Advantage plan)';

/** Where the plan's care-management policy would be published: a placeholder. */
export const PLAN_POLICY_URL = 'https://example.org/riverbend-advantage/care-management-policy';

/** The first service year the plan's policy applies to. */
export const POLICY_FROM_YEAR = 2024;
