// Data the server rendered the first view with, handed to TanStack Query as initialData so the
// first paint has numbers and no request repeats it.
export interface Seed<T> {
  data: T;
  /** When the server read it (ms since epoch): the query goes stale from there. */
  updatedAt: number;
}

export function seedOptions<T>(seed: Seed<T> | undefined): { initialData?: T; initialDataUpdatedAt?: number } {
  return seed ? { initialData: seed.data, initialDataUpdatedAt: seed.updatedAt } : {};
}
