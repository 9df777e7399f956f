import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { ApiError, LIST_GONE, LivetodosApi, VIEW_ONLY } from "./api";
import { FakeLivetodosServer } from "./testing/fakeLivetodosServer";
import { json } from "./testing/fakeTodoServer";

const ROOT = "http://livetodos.test/api";

function signedIn(server: FakeLivetodosServer, person = server.person("Ada")) {
  const credentials = { accessToken: async () => person.token, renew: async () => false };
  return { person, api: new LivetodosApi(ROOT, server.fetch, credentials) };
}

describe("LivetodosApi (HTTP contract v2)", () => {
  it("givenAFirstSignIn_thenThePersonsListsHoldMyTodosAsOwner", async () => {
    const server = new FakeLivetodosServer();
    const { api, person } = signedIn(server);

    const me = await api.me();
    const lists = await api.lists();

    expect(me).toEqual({ id: person.id, name: "Ada" });
    expect(lists).toEqual([expect.objectContaining({ name: "My todos", role: "owner", version: 1, seq: 0 })]);
  });

  it("createsRenamesAndDeletesAListAndSendsTheVersionARenameWasMadeOn", async () => {
    const server = new FakeLivetodosServer();
    const { api } = signedIn(server);

    const created = await api.createList({ id: "groceries", name: "Groceries" });
    const renamed = await api.renameList("groceries", "Food", created.version);
    const stale = api.renameList("groceries", "Drinks", created.version);
    await expect(stale).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 409);
    await api.deleteList("groceries");

    expect(created).toMatchObject({ id: "groceries", role: "owner" });
    expect(renamed).toMatchObject({ name: "Food", version: 2 });
    expect(server.lists.has("groceries")).toBe(false);
  });

  it("givenAListThePersonIsNotAMemberOf_thenEveryCallSaysItIsGone", async () => {
    const server = new FakeLivetodosServer();
    const owner = server.person("Owner");
    const secret = server.list(owner, "Secret");
    const { api } = signedIn(server);

    const answers = await Promise.allSettled([
      api.todos(secret.id).list(),
      api.members(secret.id),
      api.renameList(secret.id, "Mine"),
      api.deleteList(secret.id),
      api.createInvite(secret.id, "editor"),
    ]);

    for (const answer of answers) {
      const error = answer.status === "rejected" ? answer.reason : undefined;
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ status: 404, listGone: true });
    }
    expect(answers.map((a) => (a as PromiseRejectedResult).reason.message)).toEqual(Array(5).fill(LIST_GONE));
    expect(server.lists.get(secret.id)?.name).toBe("Secret");
  });

  it("tellsAListGoneFromATodoGoneByThe404sTitleAsTheServerSendsIt", async () => {
    const server = new FakeLivetodosServer();
    const { api, person } = signedIn(server);
    const list = server.list(person, "Mine", [], "mine");
    list.todos.put("Here", "t1");
    const todos = api.todos("mine");

    const todoGone = await todos.update([{ id: "nope", changes: { status: "completed" } }]).catch((e: unknown) => e);
    server.lists.delete("mine");
    const listGone = await todos.update([{ id: "t1", changes: { status: "completed" } }]).catch((e: unknown) => e);

    expect(todoGone).toMatchObject({ status: 404, listGone: false, message: "This todo was deleted by someone else." });
    expect(listGone).toMatchObject({ status: 404, listGone: true, message: LIST_GONE });
  });

  it("givenAViewer_thenAWriteIsRefusedWithASentenceSayingViewOnly", async () => {
    const server = new FakeLivetodosServer();
    const viewer = server.person("Vic");
    const list = server.list(server.person("Owner"), "Shared", [[viewer, "viewer"]]);
    const { api } = signedIn(server, viewer);

    const write = api.todos(list.id).create({ id: "t1", name: "Sneaky", status: "pending" });

    await expect(write).rejects.toSatisfy((error) => error instanceof ApiError && error.status === 403);
    await expect(write).rejects.toThrow(VIEW_ONLY);
    expect((await api.todos(list.id).list()).todos).toEqual([]);
  });

  it("invitesSomeoneWhoJoinsWithTheInvitesRoleAndSeesTheMembers", async () => {
    const server = new FakeLivetodosServer();
    const { api: owner } = signedIn(server);
    const [list] = await owner.lists();
    const { api: guest } = signedIn(server, server.person("Bob"));

    const invite = await owner.createInvite(list!.id, "editor");
    const joined = await guest.acceptInvite(invite.token);
    const members = await guest.members(list!.id);

    expect(invite.url).toMatch(/\/#\/invite\//);
    expect(joined).toMatchObject({ id: list!.id, role: "editor" });
    expect(members.map((m) => [m.name, m.role])).toEqual([
      ["Ada", "owner"],
      ["Bob", "editor"],
    ]);
  });

  it("givenAnUnknownInvite_thenItSaysTheLinkIsNoLongerValid", async () => {
    const { api } = signedIn(new FakeLivetodosServer());

    await expect(api.acceptInvite("made-up")).rejects.toThrow(/invite link is not valid/i);
  });

  it("letsAMemberLeaveButNotRemoveOthers", async () => {
    const server = new FakeLivetodosServer();
    const bob = server.person("Bob");
    const cy = server.person("Cy");
    const list = server.list(server.person("Owner"), "Shared", [[bob, "editor"], [cy, "editor"]]);
    const { api } = signedIn(server, bob);

    await expect(api.removeMember(list.id, cy.id)).rejects.toThrow(/only the list's owner/i);
    await api.removeMember(list.id, bob.id);

    expect([...list.members.keys()]).not.toContain(bob.id);
    expect([...list.members.keys()]).toContain(cy.id);
  });

  it("asksForALiveTicketWithThePersonsToken", async () => {
    const server = new FakeLivetodosServer();
    const { api, person } = signedIn(server);

    const { ticket } = await api.ticket();

    expect(server.tickets.get(ticket)).toBe(person.id);
    expect(server.requests.at(-1)).toEqual({ method: "POST", path: "/api/live/tickets", person: person.id });
  });

  it("sendsTheSha256OfNoBodyWithEachPostThatHasNone", async () => {
    const server = new FakeLivetodosServer();
    const { api, person } = signedIn(server);
    const owner = server.person("Bob");
    const token = "invite-of-bob";
    server.invites.set(token, { listId: server.list(owner, "Bob's").id, role: "editor" });
    const hashes: (string | null)[] = [];
    server.intercept((request) => void hashes.push(request.headers.get("x-amz-content-sha256")));

    await api.ticket();
    await api.acceptInvite(token);

    // On AWS, Lambda takes a POST's body hash from the client even when there is no body.
    expect(hashes).toEqual([createHash("sha256").update("").digest("hex"), createHash("sha256").update("").digest("hex")]);
    expect(person.id).toBeDefined();
  });

  it("givenAnExpiredToken_thenItIsRenewedOnceAndTheCallRetried", async () => {
    const server = new FakeLivetodosServer();
    const person = server.person("Ada");
    let token = "expired";
    let renewals = 0;
    const api = new LivetodosApi(ROOT, server.fetch, {
      accessToken: async () => token,
      renew: async () => {
        renewals++;
        token = person.token;
        return true;
      },
    });

    const lists = await api.lists();

    expect(lists).toHaveLength(1);
    expect(renewals).toBe(1);
    expect(server.requests.map((r) => r.person)).toEqual([undefined, person.id]);
  });

  it("givenAnAnswerOutsideTheContract_thenItSaysItDoesNotUnderstandIt", async () => {
    const server = new FakeLivetodosServer();
    const { api } = signedIn(server);
    server.intercept(() => json(200, [{ id: "l1", name: "No role", version: 1, seq: 0 }]));

    await expect(api.lists()).rejects.toThrow(/does not understand/i);
    await expect(api.ticket()).rejects.toThrow(/does not understand/i);
  });
});
