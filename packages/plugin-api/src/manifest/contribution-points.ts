import { SEVERITIES } from '@chronicle/rules';
import { z } from 'zod';
import { contributionIdSchema, pluginFileSchema, ruleIdSchema } from './ids.js';

// The contribution points: what a manifest's `contributes` may declare. Each point has its
// own schema (published as its own JSON Schema in docs/developer/schemas/), the API
// proposal it needs when it is not stable yet, and the activation events it implies, as
// VS Code derives `onCommand:` from `contributes.commands`.

const text = z.string().trim().min(1, 'must not be empty');

/** Items of one point must not share an id. */
function uniqueIds<T extends { id: string }>(item: z.ZodType<T>) {
  return z.array(item).superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((entry, index) => {
      if (seen.has(entry.id))
        ctx.addIssue({
          code: 'custom',
          path: [index, 'id'],
          message: `"${entry.id}" is declared twice`,
        });
      seen.add(entry.id);
    });
  });
}

export const ruleContributionSchema = z
  .strictObject({
    id: ruleIdSchema.describe('The rule id its findings carry (meta.id).'),
    severity: z
      .enum(SEVERITIES)
      .describe(
        "The severity of the rule's findings (for a rule whose severity changes by service year, the latest).",
      ),
    description: text.describe('One line saying what the rule checks.'),
  })
  .describe('A rule the plugin registers with context.registerRule.');

export const codeSetContributionSchema = z
  .strictObject({
    id: contributionIdSchema,
    system: z
      .enum(['icd-10-cm', 'snomed', 'cpt', 'hcpcs'])
      .describe('The code system the codes belong to.'),
    description: text,
    codes: z
      .array(z.string().trim().min(1, 'must not be empty'))
      .min(1, 'must list at least one code')
      .optional()
      .describe('The codes, inline.'),
    file: pluginFileSchema
      .optional()
      .describe(
        'A file in the plugin folder holding the codes: a JSON array of strings, or one code a line.',
      ),
  })
  .refine((set) => set.codes === undefined || set.file === undefined, {
    message: 'give the codes inline or in a file, not both',
    path: ['file'],
  })
  .describe(
    'A list of codes the plugin registers with context.registerCodeSet; its codes come from the registration, or else from `codes` or `file`.',
  );

export const policyContributionSchema = z
  .strictObject({
    id: contributionIdSchema,
    description: text,
    schema: z
      .record(z.string(), z.unknown())
      .optional()
      .describe('A JSON Schema of the options, for editors and the documentation.'),
  })
  .describe(
    "Policy options the plugin's rules read: defaults from context.registerPolicy, values from the config file.",
  );

export const reportSectionContributionSchema = z
  .strictObject({ id: contributionIdSchema, title: text })
  .describe(
    'A section the plugin adds to audit reports (proposed API: needs enabledApiProposals ["reportSections"]).',
  );

export const consolePanelContributionSchema = z
  .strictObject({
    id: contributionIdSchema,
    title: text,
    location: z.enum(['patient', 'audit-run']).describe('The console page the panel shows on.'),
  })
  .describe(
    'A panel of data the console shows; the data is computed on the server, no plugin code runs in the browser (proposed API: needs enabledApiProposals ["consolePanels"]).',
  );

export const commandContributionSchema = z
  .strictObject({ id: contributionIdSchema, title: text })
  .describe('A command the plugin registers with context.registerCommand.');

/** The API proposals a plugin can opt into with `enabledApiProposals`. */
export const API_PROPOSALS = ['reportSections', 'consolePanels'] as const;
/** One of {@link API_PROPOSALS}. */
export type ApiProposal = (typeof API_PROPOSALS)[number];

/** One contribution point: its schema, the proposal it needs, the events it implies. */
export interface ContributionPoint<T extends { id: string }> {
  schema: z.ZodType<T[]>;
  /** Set for a point of the proposed API: the manifest must enable this proposal. */
  proposal?: ApiProposal;
  /** Activation events the point implies (VS Code's implicit activation events). */
  implies(items: readonly T[]): string[];
}

/** Every contribution point by name (VS Code's ExtensionsRegistry, as a table). */
export const CONTRIBUTION_POINTS = {
  rules: {
    schema: uniqueIds(ruleContributionSchema),
    implies: () => ['onAudit'],
  } satisfies ContributionPoint<z.infer<typeof ruleContributionSchema>>,
  codeSets: {
    schema: uniqueIds(codeSetContributionSchema),
    implies: () => ['onAudit'],
  } satisfies ContributionPoint<z.infer<typeof codeSetContributionSchema>>,
  policies: {
    schema: uniqueIds(policyContributionSchema),
    implies: () => ['onAudit'],
  } satisfies ContributionPoint<z.infer<typeof policyContributionSchema>>,
  reportSections: {
    schema: uniqueIds(reportSectionContributionSchema),
    proposal: 'reportSections',
    implies: () => ['onReport'],
  } satisfies ContributionPoint<z.infer<typeof reportSectionContributionSchema>>,
  consolePanels: {
    schema: uniqueIds(consolePanelContributionSchema),
    proposal: 'consolePanels',
    implies: () => ['onStartup'],
  } satisfies ContributionPoint<z.infer<typeof consolePanelContributionSchema>>,
  commands: {
    schema: uniqueIds(commandContributionSchema),
    implies: (commands) => commands.map((c) => `onCommand:${c.id}`),
  } satisfies ContributionPoint<z.infer<typeof commandContributionSchema>>,
} as const;

/** The name of a contribution point: the key under `contributes`. */
export type ContributionPointName = keyof typeof CONTRIBUTION_POINTS;
/** The contribution points, in the order listings and problems use. */
export const CONTRIBUTION_POINT_NAMES = Object.keys(CONTRIBUTION_POINTS) as ContributionPointName[];

/** An entry of `contributes.rules`: `{ id, severity, description }`. */
export type RuleContribution = z.infer<typeof ruleContributionSchema>;
/** An entry of `contributes.codeSets`: `{ id, system, description, codes? | file? }`. */
export type CodeSetContribution = z.infer<typeof codeSetContributionSchema>;
/** An entry of `contributes.policies`: `{ id, description, schema? }`. */
export type PolicyContribution = z.infer<typeof policyContributionSchema>;
/** An entry of `contributes.reportSections` (proposed): `{ id, title }`. */
export type ReportSectionContribution = z.infer<typeof reportSectionContributionSchema>;
/** An entry of `contributes.consolePanels` (proposed): `{ id, title, location }`. */
export type ConsolePanelContribution = z.infer<typeof consolePanelContributionSchema>;
/** An entry of `contributes.commands`: `{ id, title }`. */
export type CommandContribution = z.infer<typeof commandContributionSchema>;

/** A manifest's `contributes`, every point validated. */
export interface Contributions {
  rules?: RuleContribution[];
  codeSets?: CodeSetContribution[];
  policies?: PolicyContribution[];
  reportSections?: ReportSectionContribution[];
  consolePanels?: ConsolePanelContribution[];
  commands?: CommandContribution[];
}
