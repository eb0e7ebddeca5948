/**
 * How a cronstorm command exits, the contract a CI gate reads (k6's distinct threshold code is the model):
 * a failed invariant and a broken harness must never look alike.
 */
export const EXIT = {
  /** Every selected check passed. */
  pass: 0,
  /** A check failed, could not be judged (unknown), or nothing was judged: the app under test is in question. */
  verdictFailed: 1,
  /** Bad input (a flag, a config, a scenario name): named on stderr, nothing was started. */
  badInput: 2,
  /** cronstorm itself broke (an error escaped the harness): no verdict was reached, so the app is not in question. */
  harnessBroke: 3,
} as const;
