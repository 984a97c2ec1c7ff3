// URLs a run has already seen, kept as short fingerprints: the run must take each URL once, and
// a fingerprint costs the same few bytes whatever the URL's length (a 96-bit digest: two URLs of
// one site sharing one would take billions of pages).

import { createHash } from 'node:crypto';

export function urlFingerprint(url: string): string {
  return createHash('sha256').update(url).digest('base64url').slice(0, 16);
}

export class UrlSet {
  readonly #items = new Set<string>();

  get size(): number {
    return this.#items.size;
  }

  has(url: string): boolean {
    return this.#items.has(urlFingerprint(url));
  }

  /** Adds the URL; false when it was there already. */
  add(url: string): boolean {
    const print = urlFingerprint(url);
    if (this.#items.has(print)) return false;
    this.#items.add(print);
    return true;
  }

  delete(url: string): void {
    this.#items.delete(urlFingerprint(url));
  }
}

/** URL -> a short value (a content fingerprint), keyed like UrlSet. */
export class UrlMap {
  readonly #items = new Map<string, string>();

  get(url: string): string | undefined {
    return this.#items.get(urlFingerprint(url));
  }

  has(url: string): boolean {
    return this.#items.has(urlFingerprint(url));
  }

  set(url: string, value: string): void {
    this.#items.set(urlFingerprint(url), value);
  }

  delete(url: string): void {
    this.#items.delete(urlFingerprint(url));
  }
}
