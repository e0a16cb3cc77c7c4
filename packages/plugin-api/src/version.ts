/**
 * The Chronicle version plugins are checked against (`engines.chronicle`). One constant
 * for the whole product; a test keeps it equal to this package's version.
 */
export const CHRONICLE_VERSION = '0.1.0';
