import type { LeaderElection, OnlineDetector, StorageAdapter } from "@tanstack/offline-transactions";
import type { Channel } from "../outbox";

/** The outbox's IndexedDB, in memory: one instance is one browser's, shared by its tabs. */
export class MemoryStorage implements StorageAdapter {
  readonly items = new Map<string, string>();
  get = async (key: string) => this.items.get(key) ?? null;
  set = async (key: string, value: string) => void this.items.set(key, value);
  delete = async (key: string) => void this.items.delete(key);
  keys = async () => [...this.items.keys()];
  clear = async () => this.items.clear();
}

/** Which tab leads, as a test says. */
export class FakeLeader implements LeaderElection {
  private readonly listeners = new Set<(leader: boolean) => void>();
  constructor(private leader: boolean) {}
  requestLeadership = async () => this.leader;
  releaseLeadership = () => this.set(false);
  isLeader = () => this.leader;
  onLeadershipChange = (callback: (leader: boolean) => void) => {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  };
  set(leader: boolean): void {
    if (leader === this.leader) return;
    this.leader = leader;
    this.listeners.forEach((listener) => listener(leader));
  }
}

/** The device's connection, as a test says; coming back online is told like the browser's `online`. */
export class FakeOnline implements OnlineDetector {
  private readonly listeners = new Set<() => void>();
  constructor(private online = true) {}
  subscribe = (callback: () => void) => {
    this.listeners.add(callback);
    return () => this.listeners.delete(callback);
  };
  notifyOnline = () => this.listeners.forEach((listener) => listener());
  isOnline = () => this.online;
  dispose = () => this.listeners.clear();
  set(online: boolean): void {
    this.online = online;
    if (online) this.notifyOnline();
  }
}

/** A BroadcastChannel between a browser's tabs: a message reaches every other tab, a moment later. */
export class FakeBus {
  private readonly channels = new Set<FakeChannel>();
  channel(): Channel {
    const channel = new FakeChannel(this);
    this.channels.add(channel);
    return channel;
  }
  deliver(from: FakeChannel, message: unknown): void {
    for (const channel of this.channels) if (channel !== from) queueMicrotask(() => channel.receive(structuredClone(message)));
  }
  remove(channel: FakeChannel): void {
    this.channels.delete(channel);
  }
}

class FakeChannel implements Channel {
  private readonly listeners: ((event: { data: unknown }) => void)[] = [];
  constructor(private readonly bus: FakeBus) {}
  postMessage(message: unknown): void {
    this.bus.deliver(this, message);
  }
  addEventListener(_type: "message", listener: (event: { data: unknown }) => void): void {
    this.listeners.push(listener);
  }
  close(): void {
    this.bus.remove(this);
  }
  receive(data: unknown): void {
    this.listeners.forEach((listener) => listener({ data }));
  }
}
