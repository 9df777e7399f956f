import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { LivetodosApi } from "./api";
import { LiveChanges, TOKEN_EXPIRED, withTicket } from "./live";
import { FakeLivetodosServer } from "./testing/fakeLivetodosServer";
import { FakeSocket } from "./testing/fakeSocket";
import type { Todo, TodoChange } from "./todo";

const todo = (id: string, version: number): Todo => ({
  id,
  name: `${id}@${version}`,
  status: "pending",
  version,
  createdAt: "2026-01-01T00:00:00Z",
  updatedAt: "2026-01-01T00:00:00Z",
});
const upsert = (id: string, version: number): TodoChange => ({ op: "upsert", todo: todo(id, version) });

function deferred() {
  let resolve!: () => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
  return { promise, resolve, reject };
}

describe("LiveChanges on a device without a network", () => {
  afterEach(() => vi.unstubAllGlobals());

  it("givenAPageLoadedOffline_thenItSaysOfflineAtOnceAndReadsNothingUntilTheNetworkIsBack", async () => {
    vi.stubGlobal("navigator", { onLine: false });
    const refetch = vi.fn(async () => undefined);
    const live = new LiveChanges({ url: "ws://livetodos.test/ws", WebSocket: FakeSocket, random: () => 0, apply: async () => undefined, refetch });

    live.start();
    await live.resync();

    expect(live.state).toBe("offline");
    expect(refetch).not.toHaveBeenCalled();
    live.stop();
  });

  it("givenTheDeviceGoesOfflineWhileACatchUpReads_thenItStillSaysOfflineWhenTheReadComesBack", async () => {
    const device = { onLine: true };
    const page = new EventTarget();
    vi.stubGlobal("navigator", device);
    vi.stubGlobal("window", page);
    FakeSocket.all = [];
    const read = deferred();
    const live = new LiveChanges({ url: "ws://livetodos.test/ws", WebSocket: FakeSocket, random: () => 0, apply: async () => undefined, refetch: () => read.promise });
    live.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    FakeSocket.latest().open(); // the catch-up's read is under way

    // The device loses its network; the socket has not noticed yet (it may not for a while).
    device.onLine = false;
    page.dispatchEvent(new Event("offline"));
    read.resolve(); // the read sent before the network went comes back
    await live.resync();

    expect(live.state).toBe("offline");
    live.stop();
  });
});

describe("LiveChanges", () => {
  let events: string[];
  let reads: ReturnType<typeof deferred>[];
  let live: LiveChanges;

  beforeEach(() => {
    FakeSocket.all = [];
    events = [];
    reads = [];
    live = new LiveChanges({
      url: "ws://livetodos.test/ws",
      WebSocket: FakeSocket,
      random: () => 0,
      apply: async (frame) => void events.push(`apply ${frame.type === "changes" ? frame.changes.map(label).join(",") : frame.type === "list" ? frame.op : frame.type}`),
      refetch: () => {
        events.push("read");
        const read = deferred();
        reads.push(read);
        return read.promise;
      },
    });
  });

  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  async function givenOpenSocket(): Promise<FakeSocket> {
    live.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    FakeSocket.latest().open();
    return FakeSocket.latest();
  }

  it("opensTheSocketFirstThenReadsThenAppliesWhatArrivedDuringTheRead", async () => {
    const socket = await givenOpenSocket();
    expect(events).toEqual(["read"]);

    socket.deliver([upsert("a", 2)]);
    socket.deliver([upsert("b", 1)]);
    expect(events).toEqual(["read"]);
    reads[0]!.resolve();

    await vi.waitFor(() => expect(live.state).toBe("live"));
    expect(events).toEqual(["read", "apply a@2", "apply b@1"]);
  });

  it("givenAFrameWithItsTraceId_thenTheConsoleNamesItAndABadOneDoesNotStopTheFrame", async () => {
    const debug = vi.spyOn(console, "debug").mockImplementation(() => undefined);
    const socket = await givenOpenSocket();
    reads[0]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));

    socket.deliverRaw(JSON.stringify({ type: "changes", listId: "l1", trace: "4bf92f3577b34da6a3ce929d0e0e4736", changes: [upsert("a", 1)] }));
    socket.deliverRaw(JSON.stringify({ type: "changes", listId: "l1", trace: "<script>", changes: [upsert("a", 2)] }));

    await vi.waitFor(() => expect(events).toEqual(["read", "apply a@1", "apply a@2"]));
    expect(debug.mock.calls).toEqual([["livetodos: changes of list l1, trace 4bf92f3577b34da6a3ce929d0e0e4736"]]);
    debug.mockRestore();
  });

  it("givenALiveConnection_thenFramesAreAppliedInArrivalOrder", async () => {
    const socket = await givenOpenSocket();
    reads[0]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));

    socket.deliver([upsert("a", 1), upsert("a", 2)]);
    socket.deliver([{ op: "delete", id: "a", version: 3 }]);

    await vi.waitFor(() => expect(events).toHaveLength(3));
    expect(events.slice(1)).toEqual(["apply a@1,a@2", "apply -a@3"]);
  });

  it("givenASocketThatDrops_thenItSaysReconnectingAndCatchesUpWithAFreshReadOnReturn", async () => {
    const socket = await givenOpenSocket();
    reads[0]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));

    socket.close(1006);
    expect(live.state).toBe("reconnecting");
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 5_000 });
    FakeSocket.latest().deliver([upsert("c", 1)]); // not open yet: nothing to apply
    FakeSocket.latest().open();
    FakeSocket.latest().deliver([upsert("c", 2)]);
    reads[1]!.resolve();

    await vi.waitFor(() => expect(live.state).toBe("live"));
    expect(events).toEqual(["read", "read", "apply c@1", "apply c@2"]);
  });

  it("givenAFailedRead_thenItIsNotLiveAndTriesAgain", async () => {
    const socket = await givenOpenSocket();
    socket.deliver([upsert("a", 1)]);
    reads[0]!.reject(new Error("503"));

    await vi.waitFor(() => expect(events).toContain("apply a@1"));
    expect(live.state).toBe("connecting");
    await vi.waitFor(() => expect(reads).toHaveLength(2), { timeout: 5_000 });
    reads[1]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));
  });

  it("ignoresFramesItDoesNotUnderstand", async () => {
    const socket = await givenOpenSocket();
    reads[0]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));

    socket.deliverRaw("not json");
    socket.deliverRaw(JSON.stringify({ type: "pong" }));
    socket.deliverRaw(JSON.stringify({ type: "changes", listId: "l1", changes: [{ op: "upsert", todo: { id: "a" } }] }));
    socket.deliverRaw(JSON.stringify({ type: "list", op: "renamed", listId: "l1" }));
    socket.deliver([upsert("b", 1)]);

    await vi.waitFor(() => expect(events).toEqual(["read", "apply b@1"]));
  });

  it("givenAV1FrameWithoutAList_thenItIsPassedOnAsUnscopedWithoutItsChanges", async () => {
    const socket = await givenOpenSocket();
    reads[0]!.resolve();
    await vi.waitFor(() => expect(live.state).toBe("live"));

    socket.deliverRaw(JSON.stringify({ type: "changes", changes: [upsert("a", 1)] })); // whose list? not said
    socket.deliver([upsert("b", 1)]);

    await vi.waitFor(() => expect(events).toEqual(["read", "apply unscoped", "apply b@1"]));
  });

  it("pingsEveryFewMinutesSoIdleTimeoutsNeverCloseTheSocket", async () => {
    vi.useFakeTimers({ toFake: ["setInterval"] });
    const socket = await givenOpenSocket();

    vi.advanceTimersByTime(4 * 60_000);
    vi.advanceTimersByTime(4 * 60_000);

    expect(socket.sent).toEqual(['{"type":"ping"}', '{"type":"ping"}']);
  });

  it("givenASocketThatNeverOpens_thenItStillReadsTheListOnce", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    live.start();

    vi.advanceTimersByTime(3_000);

    expect(events).toEqual(["read"]);
    expect(live.state).toBe("connecting");
  });
});

function label(change: TodoChange): string {
  return change.op === "upsert" ? `${change.todo.id}@${change.todo.version}` : `-${change.id}@${change.version}`;
}

describe("LiveChanges with tickets", () => {
  let live: LiveChanges;
  let server: FakeLivetodosServer;
  let calls: string[];
  let states: string[];
  let clock: number;

  beforeEach(() => {
    FakeSocket.all = [];
    calls = [];
    clock = 0;
    server = new FakeLivetodosServer();
    const person = server.person("Ada");
    let token = person.token;
    const api = new LivetodosApi("http://livetodos.test/api", server.fetch, { accessToken: async () => token, renew: async () => false });
    live = new LiveChanges({
      url: "ws://livetodos.test/ws",
      WebSocket: FakeSocket,
      random: () => 0,
      now: () => clock,
      ticket: async () => {
        const { ticket } = await api.ticket();
        calls.push(ticket);
        return ticket;
      },
      renew: async () => {
        calls.push("renew");
        token = person.token;
        return true;
      },
      apply: async () => undefined,
      refetch: async () => void calls.push("read"),
    });
    states = [];
    live.subscribe(() => states.push(live.state));
  });

  afterEach(() => {
    live.stop();
    vi.useRealTimers();
  });

  async function givenLive(): Promise<FakeSocket> {
    live.start();
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1));
    FakeSocket.latest().open();
    await vi.waitFor(() => expect(live.state).toBe("live"));
    return FakeSocket.latest();
  }

  it("connectsWithAFreshSingleUseTicketEveryTime", async () => {
    const first = await givenLive();

    first.close(1006);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2), { timeout: 5_000 });

    const tickets = FakeSocket.all.map((socket) => new URL(socket.url).searchParams.get("ticket"));
    expect(tickets).toEqual(["ticket-2", "ticket-3"]);
    expect([...server.tickets.keys()]).toEqual(tickets);
    expect(FakeSocket.all.map((socket) => new URL(socket.url).pathname)).toEqual(["/ws", "/ws"]);
  });

  it("givenTheTokenBehindTheTicketExpired_thenItRenewsGetsANewTicketAndReconnectsWithoutShowingReconnecting", async () => {
    const first = await givenLive();
    calls.length = 0;

    first.close(TOKEN_EXPIRED, "token expired");
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    FakeSocket.latest().open();

    await vi.waitFor(() => expect(calls).toEqual(["renew", "ticket-3", "read"]));
    expect(live.state).toBe("live");
    expect(states).toEqual(["live"]); // never "reconnecting": the planned close is no blip
    expect(new URL(FakeSocket.latest().url).searchParams.get("ticket")).toBe("ticket-3");
  });

  it("givenTheTokenExpiresAgainAtOnce_thenItBacksOffLikeAnyFailureInsteadOfLooping", async () => {
    const first = await givenLive();
    first.close(TOKEN_EXPIRED);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    FakeSocket.latest().open();
    await vi.waitFor(() => expect(calls.filter((c) => c === "read")).toHaveLength(2));
    clock += 1_000; // well within the spacing between planned renewals

    FakeSocket.latest().close(TOKEN_EXPIRED);

    expect(live.state).toBe("reconnecting");
    expect(FakeSocket.all).toHaveLength(2); // not at once: backed off
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(3), { timeout: 5_000 });
    expect(calls.filter((c) => c === "renew")).toHaveLength(2); // still renews before the next ticket
  });

  it("givenTheTokenExpiresAgainMuchLater_thenThatCloseIsPlannedAndQuietToo", async () => {
    const first = await givenLive();
    first.close(TOKEN_EXPIRED);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(2));
    FakeSocket.latest().open();
    await vi.waitFor(() => expect(calls.filter((c) => c === "read")).toHaveLength(2));
    clock += 10 * 60_000; // the next token's whole lifetime

    FakeSocket.latest().close(TOKEN_EXPIRED);
    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(3));
    FakeSocket.latest().open();

    await vi.waitFor(() => expect(calls.filter((c) => c === "read")).toHaveLength(3));
    expect(states).toEqual(["live"]);
    expect(calls.filter((c) => c === "renew")).toHaveLength(2);
  });

  it("givenARefusedHandshake_thenItBacksOffRatherThanLoopingHot", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout"] });
    live.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(FakeSocket.all).toHaveLength(1);

    FakeSocket.latest().close(1006); // the server refused the ticket: the socket never opened
    await vi.advanceTimersByTimeAsync(300);
    expect(FakeSocket.all).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all).toHaveLength(2);

    FakeSocket.latest().close(1006);
    await vi.advanceTimersByTimeAsync(600);
    expect(FakeSocket.all).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(FakeSocket.all).toHaveLength(3);
    expect(live.state).toBe("reconnecting");
    const tickets = FakeSocket.all.map((socket) => new URL(socket.url).searchParams.get("ticket"));
    expect(new Set(tickets).size).toBe(3); // a refused ticket is never sent again
    expect(calls).not.toContain("renew"); // a refusal is no expired token
  });

  it("givenNoTicketCanBeHad_thenItRetriesWithBackoff", async () => {
    let refusals = 0;
    server.intercept((request) => (request.url.endsWith("/live/tickets") && refusals++ < 1 ? new Response(null, { status: 503 }) : undefined));

    live.start();

    await vi.waitFor(() => expect(FakeSocket.all).toHaveLength(1), { timeout: 5_000 });
    expect(refusals).toBe(2);
  });
});

describe("withTicket", () => {
  it("putsTheTicketInTheQueryEscapedAndKeepsWhatIsThere", () => {
    expect(withTicket("wss://todos.example.com/ws", "a+b/c=")).toBe("wss://todos.example.com/ws?ticket=a%2Bb%2Fc%3D");
    expect(withTicket("ws://localhost:8080/ws?v=1", "t")).toBe("ws://localhost:8080/ws?v=1&ticket=t");
  });
});
