export interface GateOptions<Reason extends string> {
  /** Hears the number of blocked callers each time one more arrives. */
  onWaiter?: (waiters: number) => void;
  /** Hears the reason the gate opened, once. */
  onOpen?: (reason: Reason) => void;
  /** Opens by itself after this many wall milliseconds, with `timeoutReason`: a bound, so nothing waits forever. */
  timeout?: { ms: number; reason: Reason };
}

/** A one-shot gate: waiters block until it opens, and it opens once, for the first reason given. */
export class Gate<Reason extends string = string> {
  private release!: () => void;
  private readonly opened = new Promise<void>((resolve) => (this.release = resolve));
  private reasonOpened: Reason | undefined;
  private waiting = 0;
  private readonly timer: NodeJS.Timeout | undefined;

  constructor(private readonly options: GateOptions<Reason> = {}) {
    const timeout = options.timeout;
    if (timeout) {
      this.timer = setTimeout(() => this.open(timeout.reason), timeout.ms);
      this.timer.unref();
    }
  }

  get isOpen(): boolean {
    return this.reasonOpened !== undefined;
  }

  open(reason: Reason): void {
    if (this.reasonOpened !== undefined) return;
    this.reasonOpened = reason;
    clearTimeout(this.timer);
    this.options.onOpen?.(reason);
    this.release();
  }

  async pass(): Promise<void> {
    if (this.isOpen) return;
    this.waiting += 1;
    this.options.onWaiter?.(this.waiting);
    try {
      await this.opened;
    } finally {
      this.waiting -= 1;
    }
  }
}
