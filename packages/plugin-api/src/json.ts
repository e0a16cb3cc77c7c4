/** A JSON value: what crosses from a plugin to the console, the API or a config file. */
export type JsonValue =
  string | number | boolean | null | readonly JsonValue[] | { readonly [key: string]: JsonValue };
