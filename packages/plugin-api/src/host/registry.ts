import { Disposable } from '../disposable.js';

// One registry per kind of registration. Entries keep the plugin's position in the config
// and the order of registration, so a listing (the rules of an audit above all) comes out
// in the same order whatever order the plugins were activated in.

export interface Entry<T> {
  plugin: string;
  id: string;
  value: T;
  /** The plugin's position among the host's plugins. */
  rank: number;
  seq: number;
}

export class Registry<T> {
  #entries = new Map<string, Entry<T>>();
  #seq = 0;
  /** Changes whenever an entry is added or removed (for caches of `list`). */
  version = 0;

  /** @param global true when ids are shared by all plugins (rules, commands). */
  constructor(private readonly global: boolean) {}

  #key(plugin: string, id: string): string {
    return this.global ? id : `${plugin}\u0000${id}`;
  }

  /** The entry with this id: any plugin's for a global registry, else `plugin`'s. */
  get(plugin: string, id: string): Entry<T> | undefined {
    return this.#entries.get(this.#key(plugin, id));
  }

  add(plugin: string, rank: number, id: string, value: T): Disposable {
    const key = this.#key(plugin, id);
    const entry: Entry<T> = { plugin, id, value, rank, seq: this.#seq++ };
    this.#entries.set(key, entry);
    this.version++;
    return new Disposable(() => {
      if (this.#entries.get(key) !== entry) return;
      this.#entries.delete(key);
      this.version++;
    });
  }

  /** Drops every entry of a plugin (after its subscriptions, in case one was lost). */
  removePlugin(plugin: string): void {
    for (const [key, entry] of this.#entries)
      if (entry.plugin === plugin) {
        this.#entries.delete(key);
        this.version++;
      }
  }

  /** Every entry, by plugin position, then by order of registration. */
  list(): Entry<T>[] {
    return [...this.#entries.values()].sort((a, b) => a.rank - b.rank || a.seq - b.seq);
  }

  get size(): number {
    return this.#entries.size;
  }
}
