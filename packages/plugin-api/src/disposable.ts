// What a registration gives back: the way to undo it. The shape is VS Code's
// (`vscode.Disposable`), so a plugin author who knows one knows the other.

/** Anything with a `dispose` method: what `PluginContext.subscriptions` holds. */
export interface DisposableLike {
  /** Undoes what the object stands for (a registration, a listener). */
  dispose(): unknown;
}

/**
 * Undoes one thing (a registration) when disposed. Disposing twice does nothing the
 * second time, so a plugin may keep its own list beside `context.subscriptions`.
 */
export class Disposable implements DisposableLike {
  #undo: (() => void) | undefined;

  /** @param undo called once, on the first {@link Disposable.dispose}. */
  constructor(undo: () => void) {
    this.#undo = undo;
  }

  /**
   * One disposable that disposes each of `disposables`, in order; an error in one does
   * not stop the others (the first error is thrown once all have run).
   */
  static from(...disposables: DisposableLike[]): Disposable {
    return new Disposable(() => {
      let first: unknown;
      for (const d of disposables) {
        try {
          d.dispose();
        } catch (error) {
          first ??= error;
        }
      }
      if (first !== undefined) throw first;
    });
  }

  /** A disposable that undoes nothing: what a refused registration returns. */
  static none(): Disposable {
    return new Disposable(() => undefined);
  }

  /** Undoes the thing; later calls do nothing. */
  dispose(): void {
    const undo = this.#undo;
    this.#undo = undefined;
    undo?.();
  }
}
