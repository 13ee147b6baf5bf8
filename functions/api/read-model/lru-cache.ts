/** A small least-recently-used cache on a Map (whose iteration order is insertion order). */
export class LruCache<K, V> {
  readonly #map = new Map<K, V>();

  constructor(readonly capacity: number) {}

  get(key: K): V | undefined {
    const value = this.#map.get(key);
    if (value !== undefined) {
      this.#map.delete(key);
      this.#map.set(key, value);
    }
    return value;
  }

  set(key: K, value: V): void {
    this.#map.delete(key);
    this.#map.set(key, value);
    if (this.#map.size > this.capacity) this.#map.delete(this.#map.keys().next().value as K);
  }

  /** The least recently used entry. */
  oldest(): [K, V] | undefined {
    return this.#map.entries().next().value;
  }

  delete(key: K): void {
    this.#map.delete(key);
  }
}
