import { z } from 'zod';

// The shapes of identifiers in a manifest, each with a message that says what is wanted.

/** A plugin's id: `publisher.name`, lowercase (VS Code's `publisher` + `name`). */
export const pluginIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*\.[a-z0-9][a-z0-9-]*$/,
    'must be publisher.name in lowercase letters, digits and hyphens (acme.payer-rules)',
  );

/**
 * A rule id: upper case words joined by hyphens, behind a lowercase prefix for a plugin
 * (`acme/REVIEW-OVERDUE`); the CMS catalogue's ids have none.
 */
export const ruleIdSchema = z
  .string()
  .regex(
    /^(?:[a-z0-9][a-z0-9-]*\/)?[A-Z0-9]+(?:-[A-Z0-9]+)*$/,
    'must be upper-case words joined by hyphens, with a lowercase prefix for a plugin (acme/REVIEW-OVERDUE)',
  );

/** The id of a code set, policy, report section, console panel or command. */
export const contributionIdSchema = z
  .string()
  .regex(
    /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*$/,
    'must be lowercase words (letters, digits, hyphens) joined by dots (acme.review-interval)',
  );

/** A file inside the plugin's folder: relative, forward slashes, never leaving the folder. */
export const pluginFileSchema = z
  .string()
  .regex(
    /^(?!\/)(?![a-zA-Z]:)(?!.*(?:^|\/)\.\.(?:\/|$))[^\\]+$/,
    'must be a path inside the plugin folder, relative, with forward slashes and no ".."',
  );
