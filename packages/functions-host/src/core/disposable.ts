// `Disposable` as the core API exposes it: the library calls `new Disposable(fn)` and `Disposable.from`.
export class Disposable {
  static from(...items: { dispose(): unknown }[]): Disposable {
    return new Disposable(() => {
      for (const item of items) item.dispose();
    });
  }

  #callOnDispose: (() => unknown) | undefined;

  constructor(callOnDispose: () => unknown) {
    this.#callOnDispose = callOnDispose;
  }

  dispose(): void {
    const fn = this.#callOnDispose;
    this.#callOnDispose = undefined;
    fn?.();
  }
}
