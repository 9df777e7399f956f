import type { LiveFrame, TodoChange } from "../todo";

/** A browser WebSocket stand-in the test drives: it opens, delivers frames and closes on cue. */
export class FakeSocket {
  static readonly CONNECTING = 0;
  static readonly OPEN = 1;
  static readonly CLOSING = 2;
  static readonly CLOSED = 3;
  static all: FakeSocket[] = [];
  readonly CONNECTING = 0;
  readonly OPEN = 1;
  readonly CLOSING = 2;
  readonly CLOSED = 3;
  readyState = 0;
  binaryType = "blob";
  sent: string[] = [];
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: unknown) => void) | null = null;
  onclose: ((event: unknown) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  private readonly listeners = new Map<string, ((event: unknown) => void)[]>();

  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }

  static latest(): FakeSocket {
    return FakeSocket.all.at(-1)!;
  }

  addEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }

  removeEventListener(type: string, listener: (event: unknown) => void): void {
    this.listeners.set(type, (this.listeners.get(type) ?? []).filter((l) => l !== listener));
  }

  send(data: string): void {
    this.sent.push(data);
  }

  close(code = 1000, reason = ""): void {
    if (this.readyState === FakeSocket.CLOSED) return;
    this.readyState = FakeSocket.CLOSED;
    this.emit("close", { type: "close", code, reason, wasClean: true });
  }

  open(): void {
    this.readyState = FakeSocket.OPEN;
    this.emit("open", { type: "open" });
  }

  deliver(changes: TodoChange[], listId = "l1"): void {
    this.deliverFrame({ type: "changes", listId, changes });
  }

  deliverFrame(frame: LiveFrame): void {
    this.emit("message", { type: "message", data: JSON.stringify(frame) });
  }

  deliverRaw(data: string): void {
    this.emit("message", { type: "message", data });
  }

  private emit(type: string, event: unknown): void {
    (this as unknown as Record<string, ((e: unknown) => void) | null>)[`on${type}`]?.(event);
    for (const listener of this.listeners.get(type) ?? []) listener(event);
  }
}
