// A time budget per post: the parser is linear in a post's length, and this is the backstop
// that keeps one pathological post from stalling an ingest run. Stages call checkBudget() in
// their loops; past the deadline the post fails with the reason, is stored with
// parse_status = 'error' and counted, and the run goes on.

/** Far above any real post (a 150 KB post parses in well under a second). */
export const DEFAULT_BUDGET_MS = 3000;

export class ParseBudgetError extends Error {
  constructor(budgetMs: number) {
    super(`the post took longer than the parser's budget of ${budgetMs} ms`);
    this.name = 'ParseBudgetError';
  }
}

let deadline = Infinity;
let budget = DEFAULT_BUDGET_MS;

/** Runs one post's parse under a budget; budgets do not nest (the parser is synchronous). */
export function withBudget<T>(budgetMs: number, run: () => T): T {
  budget = budgetMs;
  deadline = performance.now() + budgetMs;
  try {
    return run();
  } finally {
    deadline = Infinity;
  }
}

export function checkBudget(): void {
  if (performance.now() > deadline) throw new ParseBudgetError(budget);
}
