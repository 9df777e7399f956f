/** Short messages for the person at the screen: what went wrong and that nothing was saved. */
export interface Notice {
  id: number;
  text: string;
  /** Something the person can do about it, such as sending a refused write again. */
  action?: NoticeAction;
}

export interface NoticeAction {
  label: string;
  run: () => void;
}

export class Notices {
  private items: Notice[] = [];
  private nextId = 1;
  private readonly listeners = new Set<() => void>();
  private readonly timers = new Map<number, ReturnType<typeof setTimeout>>();

  constructor(private readonly lifetimeMs = 6_000) {}

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getAll = (): Notice[] => this.items;

  show(text: string, action?: NoticeAction): void {
    // The same message twice in a row (a burst of failed writes) is shown once.
    if (this.items.some((notice) => notice.text === text)) return;
    const notice: Notice = action ? { id: this.nextId++, text, action } : { id: this.nextId++, text };
    this.items = [...this.items.slice(-2), notice];
    // A notice that offers something stays until it is used or dismissed.
    if (!action) this.timers.set(notice.id, setTimeout(() => this.dismiss(notice.id), this.lifetimeMs));
    this.emit();
  }

  dismiss(id: number): void {
    clearTimeout(this.timers.get(id));
    this.timers.delete(id);
    const remaining = this.items.filter((notice) => notice.id !== id);
    if (remaining.length === this.items.length) return;
    this.items = remaining;
    this.emit();
  }

  private emit(): void {
    this.listeners.forEach((listener) => listener());
  }
}
