/** The version of the rule catalogue and engine; reports carry it so old findings stay traceable. */
export const RULES_VERSION = '1.0.0';
