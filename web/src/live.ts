import ReconnectingWebSocket from "partysocket/ws";
import { type LiveFrame, serverFrameSchema } from "./todo";

/** What the page shows about its link to the server. */
export type ConnectionState = "connecting" | "live" | "reconnecting" | "offline";

/** The server closes a socket with this code when the token behind its ticket expires ("Identity"). */
export const TOKEN_EXPIRED = 4401;

export interface LiveChangesOptions {
  url: string;
  /**
   * A single-use ticket for the next connection (`POST /api/live/tickets`); each attempt asks for
   * a new one and connects to `url?ticket=…`. Without it the socket connects to `url` as it is.
   */
  ticket?: () => Promise<string>;
  /** Gets the person a fresh token (after the server closed the socket because theirs expired). */
  renew?: () => Promise<boolean>;
  /** Writes a frame (changes of a list, or a change to the person's lists) into the collections. */
  apply: (frame: LiveFrame) => Promise<void>;
  /**
   * Brings the collections up to date from the server: the person's lists, and the open list from
   * its cursor in the change feed (in full when it has none).
   */
  refetch: () => Promise<void>;
  /** Told when a read fails, so the person knows the list may be out of date. */
  onReadError?: (error: unknown) => void;
  /** A WebSocket class; the browser's by default. */
  WebSocket?: unknown;
  /** How often to ping, so idle timeouts (API Gateway: 10 minutes) never close the socket. */
  pingIntervalMs?: number;
  /** Read without live changes if the socket has not opened by then, so the page is never empty. */
  firstReadDeadlineMs?: number;
  /** The longest wait between reconnect attempts. */
  maxReconnectDelayMs?: number;
  /**
   * A second expired-token close this soon after the last one is not renewed at once but backed
   * off like any failure: a token the issuer keeps renewing into one the server refuses must not
   * make the page connect in a loop.
   */
  renewalSpacingMs?: number;
  random?: () => number;
  now?: () => number;
}

type Read = () => Promise<void>;

/**
 * Keeps the collections current from the server's live changes.
 *
 * On every (re)connect: fetch a ticket, open the socket and buffer what it sends, read the lists
 * and catch the open list up (the changes after its cursor, or the whole list without one), then
 * apply the buffered frames by version. Nothing changed between the read and the first frame can
 * be missed, and nothing read can be undone by an older frame. Reconnects
 * back off with jitter; a close because the person's token expired is planned: the page renews
 * the token, fetches a new ticket and reconnects at once, and the person sees no "Reconnecting".
 */
export class LiveChanges {
  private readonly options: Required<Omit<LiveChangesOptions, "WebSocket" | "onReadError" | "ticket" | "renew">> &
    Pick<LiveChangesOptions, "WebSocket" | "onReadError" | "ticket" | "renew">;
  private socket: ReconnectingWebSocket | undefined;
  private buffer: LiveFrame[] | undefined;
  private applying: Promise<void> = Promise.resolve();
  private catchingUp: Promise<void> = Promise.resolve();
  private connection = 0;
  private everRead = false;
  private current: ConnectionState = "connecting";
  private readonly listeners = new Set<() => void>();
  private readonly timers: ReturnType<typeof setTimeout>[] = [];
  private readonly stopCallbacks: (() => void)[] = [];
  /** The close just seen was the planned one after a token expired: reconnect at once, quietly. */
  private planned = false;
  private lastPlannedAt = Number.NEGATIVE_INFINITY;
  /** The next attempt renews the person's token before asking for its ticket. */
  private renewFirst = false;

  constructor(options: LiveChangesOptions) {
    this.options = {
      pingIntervalMs: 4 * 60_000,
      firstReadDeadlineMs: 3_000,
      maxReconnectDelayMs: 10_000,
      renewalSpacingMs: 30_000,
      random: Math.random,
      now: Date.now,
      ...options,
    };
  }

  get state(): ConnectionState {
    return this.current;
  }

  /** For React's useSyncExternalStore. */
  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getState = (): ConnectionState => this.current;

  start(): void {
    if (this.socket) return;
    // A page loaded offline (from the app shell) hears no `offline` event: it starts offline.
    if (deviceOffline()) this.setState("offline");
    const { url, random, maxReconnectDelayMs, ticket, renew } = this.options;
    let socket: ReconnectingWebSocket | undefined = undefined;
    // Every attempt after the first waits a random extra moment, so a restarted server is not
    // met by every page at the same instant. A ticket is good for one handshake only, so every
    // attempt asks for its own; a refused one is a failed attempt, backed off like any other.
    const nextUrl = async () => {
      if (socket && socket.retryCount > 0) await delay(random() * 1_000);
      if (!ticket) return url;
      if (this.renewFirst) {
        this.renewFirst = false;
        await renew?.();
      }
      return withTicket(url, await ticket());
    };
    const created = new ReconnectingWebSocket(nextUrl, [], {
      WebSocket: this.options.WebSocket,
      minReconnectionDelay: 500 + random() * 1_000,
      maxReconnectionDelay: maxReconnectDelayMs,
      reconnectionDelayGrowFactor: 1.5,
      connectionTimeout: 4_000,
      // The planned close is reconnected by hand, at once (partysocket would wait its backoff).
      shouldReconnectOnClose: (event) => !this.isPlanned(event),
    });
    socket = created;
    this.socket = created;
    created.addEventListener("open", () => void this.opened());
    created.addEventListener("message", (event) => this.received(event.data));
    created.addEventListener("close", () => {
      const planned = this.planned;
      this.planned = false;
      this.closed(planned);
      if (planned && this.socket === created) created.reconnect();
    });

    this.timers.push(
      setInterval(() => {
        if (this.isOpen()) created.send(JSON.stringify({ type: "ping" }));
      }, this.options.pingIntervalMs),
      setTimeout(() => {
        if (!this.everRead) void this.read(this.options.refetch);
      }, this.options.firstReadDeadlineMs),
    );
    if (typeof window !== "undefined") {
      const onOnline = () => {
        if (this.current === "offline") this.setState("reconnecting");
        created.reconnect();
      };
      const onOffline = () => this.setState("offline");
      window.addEventListener("online", onOnline);
      window.addEventListener("offline", onOffline);
      this.stopCallbacks.push(() => {
        window.removeEventListener("online", onOnline);
        window.removeEventListener("offline", onOffline);
      });
    }
  }

  stop(): void {
    this.timers.forEach((timer) => clearTimeout(timer));
    this.stopCallbacks.forEach((callback) => callback());
    const socket = this.socket;
    this.socket = undefined;
    socket?.close();
  }

  /**
   * Reads again (by default the lists and the open list; or what `read` reads, such as a list
   * just opened), keeping live frames in order around the read.
   */
  async resync(read: Read = this.options.refetch): Promise<void> {
    await this.catchingUp.catch(() => undefined); // one catch-up at a time, each with its own buffer
    // Offline, a read can only fail (and say so); the connection's catch-up when the device is back
    // reads what this would have.
    if (!this.isOpen() && deviceOffline()) return;
    if (this.isOpen() && this.buffer === undefined) {
      await (this.catchingUp = this.catchUp(this.connection, read));
    } else {
      await this.read(read);
    }
  }

  private isPlanned(event: { code?: number }): boolean {
    if (event.code !== TOKEN_EXPIRED) return false;
    this.renewFirst = true;
    const now = this.options.now();
    if (now - this.lastPlannedAt < this.options.renewalSpacingMs) return false;
    this.lastPlannedAt = now;
    this.planned = true;
    return true;
  }

  private async opened(): Promise<void> {
    const connection = ++this.connection;
    await (this.catchingUp = this.catchUp(connection, this.options.refetch));
  }

  private async catchUp(connection: number, read: Read): Promise<void> {
    this.buffer = [];
    const succeeded = await this.read(read);
    if (connection !== this.connection) return; // this socket closed meanwhile; its successor catches up
    const buffered = this.buffer ?? [];
    this.buffer = undefined;
    for (const frame of buffered) this.enqueue(frame);
    await this.applying;
    if (!this.isOpen()) return;
    // The device may have gone offline while the read was under way, before the socket noticed:
    // what the browser says wins, so the badge counts the changes waiting.
    if (succeeded) this.setState(deviceOffline() ? "offline" : "live");
    // The server answered the socket but not the read (storage busy, say): try again shortly.
    else
      this.timers.push(
        setTimeout(() => connection === this.connection && void this.resync(), 2_000),
      );
  }

  private isOpen(): boolean {
    return this.socket !== undefined && this.socket.readyState === this.socket.OPEN;
  }

  private async read(read: Read): Promise<boolean> {
    try {
      await read();
      this.everRead = true;
      return true;
    } catch (error) {
      this.options.onReadError?.(error);
      return false;
    }
  }

  private received(data: unknown): void {
    if (typeof data !== "string") return;
    let json: unknown;
    try {
      json = JSON.parse(data);
    } catch {
      return;
    }
    const frame = serverFrameSchema.safeParse(json);
    if (!frame.success || frame.data.type === "pong") return;
    // Where the server traces, a developer finds the write and the fan-out behind these changes by this id.
    if (frame.data.type === "changes" && frame.data.trace) console.debug(`livetodos: changes of list ${frame.data.listId}, trace ${frame.data.trace}`);
    if (this.buffer) this.buffer.push(frame.data);
    else this.enqueue(frame.data);
  }

  /** Frames are applied one after another, in the order they arrived. */
  private enqueue(frame: LiveFrame): void {
    // A frame that cannot be written means the collections no longer match what this page
    // thinks they hold; a fresh read puts that right.
    this.applying = this.applying
      .then(() => this.options.apply(frame))
      .catch(() => queueMicrotask(() => void this.resync()));
  }

  private closed(planned: boolean): void {
    this.connection++;
    this.buffer = undefined;
    // The planned close after a token expired is followed at once by a new connection, which
    // catches up as every connection does: nothing for the person to see.
    if (planned) return;
    this.setState(deviceOffline() ? "offline" : "reconnecting");
  }

  private setState(state: ConnectionState): void {
    if (state === this.current) return;
    this.current = state;
    this.listeners.forEach((listener) => listener());
  }
}

/** What the browser says of its network (true only when it says offline). */
function deviceOffline(): boolean {
  return typeof navigator !== "undefined" && navigator.onLine === false;
}

/** The socket's address with the ticket in its query (a browser's WebSocket cannot send headers). */
export function withTicket(url: string, ticket: string): string {
  const address = new URL(url);
  address.searchParams.set("ticket", ticket);
  return address.href;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
