import type { Rule } from '@chronicle/rules';
import type { Disposable, DisposableLike } from './disposable.js';
import type { JsonValue } from './json.js';

// The stable API a plugin is given: what `activate(context)` may register. Every
// `register*` call returns a Disposable, and the host also keeps it in
// `context.subscriptions`, so deactivating the plugin undoes every registration.

/** Policy option values: JSON, by option name. */
export type PolicyValues = Readonly<Record<string, JsonValue>>;

/** A code set's codes, given when it is registered. */
export interface CodeSetRegistration {
  /** The id declared in `contributes.codeSets`. */
  id: string;
  /**
   * The codes; left out, they come from the manifest's `codes` or `file` (a missing
   * list refuses the registration).
   */
  codes?: readonly string[];
}

/** Policy options a plugin's rules read, with their defaults. */
export interface PolicyRegistration {
  /** The id declared in `contributes.policies`. */
  id: string;
  /**
   * Every option with its default. The config file may change them (see
   * {@link PluginContext.policy}); an option not listed here cannot be set there.
   */
  defaults: PolicyValues;
}

/** What a command does; its result is returned to whoever executed it. */
export type CommandHandler = (...args: string[]) => unknown;

/** What `activate` is given. */
export interface PluginContext {
  /** The plugin's id, from its manifest. */
  readonly pluginId: string;
  /** The plugin's version, from its manifest. */
  readonly pluginVersion: string;
  /**
   * Disposed, last in first out, when the plugin is deactivated. Every registration is
   * already in it; add your own disposables (timers, caches) too.
   */
  readonly subscriptions: DisposableLike[];
  /**
   * Adds a rule to every audit, billing proposal and what-if run. Its id must be
   * declared in `contributes.rules` and be unique among all plugins' rules.
   */
  registerRule(rule: Rule): Disposable;
  /** Registers a code set declared in `contributes.codeSets`. */
  registerCodeSet(codeSet: CodeSetRegistration): Disposable;
  /** Registers policy options declared in `contributes.policies`, with their defaults. */
  registerPolicy(policy: PolicyRegistration): Disposable;
  /**
   * Registers the handler of a command declared in `contributes.commands`. Command ids
   * are global: a second plugin cannot take one already registered.
   */
  registerCommand(id: string, handler: CommandHandler): Disposable;
  /** The codes of one of this plugin's registered code sets, or undefined. */
  codeSet(id: string): ReadonlySet<string> | undefined;
  /**
   * The values of one of this plugin's registered policies: its defaults, with the
   * values the config file gives for it (`{"plugin": ..., "policies": {id: {...}}}`) laid
   * over them. Undefined when the policy is not registered.
   */
  policy(id: string): PolicyValues | undefined;
}

/** What a plugin's `main` module exports. */
export interface PluginModule {
  /**
   * Called once, on the first of the plugin's activation events. Register what the
   * manifest declares; a throw (or a rejected promise) marks the plugin failed and undoes
   * whatever it had registered, and the other plugins go on.
   */
  activate(context: PluginContext): void | Promise<void>;
  /**
   * Called when the host deactivates the plugin, before its subscriptions are disposed:
   * release what the subscriptions do not cover.
   */
  deactivate?(): void | Promise<void>;
}
