/**
 * The model-token allowance is counted per guild per UTC day (see src/llm/budget.ts); the store
 * keys a day as `YYYY-MM-DD`. Both back-ends check their arguments here, the same way.
 */
const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** The UTC day `at` falls on, as the store keys it. */
export function utcDay(at: Date): string {
  return at.toISOString().slice(0, 10);
}

export function checkDay(day: string): string {
  // The round trip refuses days a calendar lacks (2025-02-30), which Date.parse accepts.
  const parsed = new Date(`${day}T00:00:00Z`);
  if (!DAY.test(day) || Number.isNaN(parsed.getTime()) || utcDay(parsed) !== day) {
    throw new RangeError(`a token day should be YYYY-MM-DD, not ${day}`);
  }
  return day;
}

/** A whole, non-negative number of tokens (a model's usage can be reported as a float). */
export function checkTokens(tokens: number): number {
  if (!Number.isFinite(tokens) || tokens < 0) throw new RangeError(`tokens should be 0 or more, not ${tokens}`);
  return Math.round(tokens);
}
