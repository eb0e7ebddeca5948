/**
 * Teardown registered as each resource comes up, run in reverse whatever happened in between: a
 * scenario that fails half-way through setup still closes what it opened. Every step runs even when an
 * earlier one throws; the first error is rethrown at the end.
 */
export class CleanupStack {
  private readonly steps: (() => unknown)[] = [];

  defer(step: () => unknown): void {
    this.steps.push(step);
  }

  async run(): Promise<void> {
    const errors: unknown[] = [];
    for (const step of this.steps.splice(0).reverse()) {
      try {
        await step();
      } catch (error) {
        errors.push(error);
      }
    }
    const [first] = errors;
    if (first instanceof Error) throw first;
    if (errors.length > 0) throw new Error(`cronstorm: cleanup failed: ${String(first)}`);
  }
}
