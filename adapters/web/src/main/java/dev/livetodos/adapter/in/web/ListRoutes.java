package dev.livetodos.adapter.in.web;

import static org.springframework.web.reactive.function.server.RequestPredicates.path;

import dev.livetodos.application.port.in.AcceptInviteCommand;
import dev.livetodos.application.port.in.AcceptInviteUseCase;
import dev.livetodos.application.port.in.CreateInviteCommand;
import dev.livetodos.application.port.in.CreateInviteUseCase;
import dev.livetodos.application.port.in.CreateListCommand;
import dev.livetodos.application.port.in.CreateListUseCase;
import dev.livetodos.application.port.in.DeleteListCommand;
import dev.livetodos.application.port.in.DeleteListUseCase;
import dev.livetodos.application.port.in.EnsurePersonCommand;
import dev.livetodos.application.port.in.EnsurePersonUseCase;
import dev.livetodos.application.port.in.ListMembersCommand;
import dev.livetodos.application.port.in.ListMembersUseCase;
import dev.livetodos.application.port.in.ListMyListsCommand;
import dev.livetodos.application.port.in.ListMyListsUseCase;
import dev.livetodos.application.port.in.RemoveMemberCommand;
import dev.livetodos.application.port.in.RemoveMemberUseCase;
import dev.livetodos.application.port.in.RenameListCommand;
import dev.livetodos.application.port.in.RenameListUseCase;
import dev.livetodos.domain.model.Invite;
import dev.livetodos.domain.model.ListWithRole;
import dev.livetodos.domain.model.Member;
import dev.livetodos.domain.model.Role;
import dev.livetodos.domain.model.TodoList;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.List;
import java.util.Objects;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.server.MethodNotAllowedException;
import reactor.core.publisher.Mono;

/**
 * The signed-in person and their lists: {@code /api/me}, {@code /api/lists} with a list's
 * members and invites, and {@code /api/invites/{token}} to join one. Who may do what is the
 * core's to decide ({@code ListAccess}); this class turns requests into commands and answers
 * into JSON, and leaves refusals to {@link ProblemDetailsExceptionHandler}. Bodies are read as
 * strictly as the todos' ({@link JsonBodies}).
 *
 * <p>A person's first list ("My todos") is made when they first ask who they are or which lists
 * they have: every client, the page or a script with nothing but a token, learns its lists that
 * way before it can use one, so the list is there whenever it could be seen, and the other calls
 * cost nothing extra.
 */
public final class ListRoutes {

    private final EnsurePersonUseCase ensurePerson;
    private final ListMyListsUseCase listMyLists;
    private final CreateListUseCase createList;
    private final RenameListUseCase renameList;
    private final DeleteListUseCase deleteList;
    private final ListMembersUseCase listMembers;
    private final RemoveMemberUseCase removeMember;
    private final CreateInviteUseCase createInvite;
    private final AcceptInviteUseCase acceptInvite;

    public ListRoutes(EnsurePersonUseCase ensurePerson, ListMyListsUseCase listMyLists, CreateListUseCase createList,
                      RenameListUseCase renameList, DeleteListUseCase deleteList, ListMembersUseCase listMembers,
                      RemoveMemberUseCase removeMember, CreateInviteUseCase createInvite, AcceptInviteUseCase acceptInvite) {
        this.ensurePerson = Objects.requireNonNull(ensurePerson, "ensurePerson");
        this.listMyLists = Objects.requireNonNull(listMyLists, "listMyLists");
        this.createList = Objects.requireNonNull(createList, "createList");
        this.renameList = Objects.requireNonNull(renameList, "renameList");
        this.deleteList = Objects.requireNonNull(deleteList, "deleteList");
        this.listMembers = Objects.requireNonNull(listMembers, "listMembers");
        this.removeMember = Objects.requireNonNull(removeMember, "removeMember");
        this.createInvite = Objects.requireNonNull(createInvite, "createInvite");
        this.acceptInvite = Objects.requireNonNull(acceptInvite, "acceptInvite");
    }

    public RouterFunction<ServerResponse> routes() {
        return RouterFunctions.route()
                .GET("/api/me", this::me)
                .GET(ListPaths.LISTS, this::myLists)
                .POST(ListPaths.LISTS, this::create)
                .PUT(ListPaths.LIST, this::rename)
                .DELETE(ListPaths.LIST, this::delete)
                .GET(ListPaths.MEMBERS, this::members)
                .DELETE(ListPaths.MEMBER, this::removeMember)
                .POST(ListPaths.INVITES, this::invite)
                .POST(ListPaths.INVITE, this::accept)
                // A known path with another method is 405, not the 404 of an unmatched route.
                .route(path("/api/me"), onlyAllows(HttpMethod.GET))
                .route(path(ListPaths.LISTS), onlyAllows(HttpMethod.GET, HttpMethod.POST))
                .route(path(ListPaths.LIST), onlyAllows(HttpMethod.PUT, HttpMethod.DELETE))
                .route(path(ListPaths.MEMBERS), onlyAllows(HttpMethod.GET))
                .route(path(ListPaths.MEMBER), onlyAllows(HttpMethod.DELETE))
                .route(path(ListPaths.INVITES), onlyAllows(HttpMethod.POST))
                .route(path(ListPaths.INVITE), onlyAllows(HttpMethod.POST))
                .build();
    }

    private Mono<ServerResponse> me(ServerRequest request) {
        return Callers.person(request)
                .flatMap(person -> ensurePerson.ensurePerson(new EnsurePersonCommand(person)).thenReturn(person))
                .flatMap(person -> JsonResponses.respond(ServerResponse.ok(), new MeJson(person.id().value(), person.name())));
    }

    private Mono<ServerResponse> myLists(ServerRequest request) {
        return Callers.person(request)
                .flatMap(person -> ensurePerson.ensurePerson(new EnsurePersonCommand(person)).thenReturn(person))
                .flatMapMany(person -> listMyLists.listMyLists(new ListMyListsCommand(person.id())))
                .map(ListJson::of)
                .collectList()
                .flatMap(lists -> JsonResponses.respond(ServerResponse.ok(), lists));
    }

    private Mono<ServerResponse> create(ServerRequest request) {
        return JsonBodies.read(request, CreateListRequest.class)
                .zipWith(Callers.person(request), (body, caller) -> CreateListCommand.of(body.id(), body.name(), caller))
                .flatMap(createList::createList)
                .flatMap(created -> {
                    ListJson list = ListJson.of(created.list(), Role.OWNER);
                    return JsonResponses.respond(created.replayed()
                            ? ServerResponse.ok()
                            : ServerResponse.created(URI.create(ListPaths.list(created.list().id()))), list);
                });
    }

    private Mono<ServerResponse> rename(ServerRequest request) {
        return Mono.fromCallable(() -> ListPaths.listId(request))
                .zipWith(JsonBodies.read(request, RenameListRequest.class))
                .zipWith(Callers.id(request),
                        (asked, caller) -> RenameListCommand.of(asked.getT1(), asked.getT2().name(), asked.getT2().version(), caller))
                .flatMap(renameList::renameList)
                // Only the owner renames a list, so the one who did is its owner.
                .flatMap(renamed -> JsonResponses.respond(ServerResponse.ok(), ListJson.of(renamed, Role.OWNER)));
    }

    private Mono<ServerResponse> delete(ServerRequest request) {
        return Mono.fromCallable(() -> ListPaths.listId(request))
                .zipWith(Callers.id(request), DeleteListCommand::new)
                .flatMap(deleteList::deleteList)
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> members(ServerRequest request) {
        return Mono.fromCallable(() -> ListPaths.listId(request))
                .zipWith(Callers.id(request), ListMembersCommand::new)
                .flatMapMany(listMembers::listMembers)
                .map(MemberJson::of)
                .collectList()
                .flatMap(members -> JsonResponses.respond(ServerResponse.ok(), members));
    }

    private Mono<ServerResponse> removeMember(ServerRequest request) {
        return Mono.fromCallable(() -> ListPaths.listId(request))
                .zipWith(Mono.fromCallable(() -> ListPaths.userId(request)))
                .zipWith(Callers.id(request), (asked, caller) -> new RemoveMemberCommand(asked.getT1(), asked.getT2(), caller))
                .flatMap(removeMember::removeMember)
                .then(ServerResponse.noContent().build());
    }

    private Mono<ServerResponse> invite(ServerRequest request) {
        return Mono.fromCallable(() -> ListPaths.listId(request))
                .zipWith(JsonBodies.read(request, CreateInviteRequest.class))
                .zipWith(Callers.id(request), (asked, caller) -> CreateInviteCommand.of(asked.getT1(), asked.getT2().role(), caller))
                .flatMap(createInvite::createInvite)
                // The link is a secret: no cache keeps it.
                .flatMap(invite -> JsonResponses.respond(ServerResponse.status(HttpStatus.CREATED).cacheControl(CacheControl.noStore()),
                        InviteJson.of(invite, pageOrigin(request))));
    }

    private Mono<ServerResponse> accept(ServerRequest request) {
        return Callers.person(request)
                .map(caller -> new AcceptInviteCommand(request.pathVariable("token"), caller))
                .flatMap(acceptInvite::acceptInvite)
                .flatMap(joined -> JsonResponses.respond(ServerResponse.ok(), ListJson.of(joined)));
    }

    /**
     * Where the page that asked is served, for the invite link: the request's {@code Origin}
     * (which a browser sends with every POST, also behind a CDN that rewrites the host) when it
     * is a plain http(s) origin, otherwise the origin the request was sent to. Either way the
     * link goes back only to whoever asked for it.
     */
    static String pageOrigin(ServerRequest request) {
        String origin = request.headers().firstHeader(HttpHeaders.ORIGIN);
        if (origin != null) {
            try {
                URI uri = new URI(origin);
                if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null
                        && uri.getRawUserInfo() == null && (uri.getRawPath() == null || uri.getRawPath().isEmpty())
                        && uri.getRawQuery() == null && uri.getRawFragment() == null) {
                    return uri.toString();
                }
            } catch (URISyntaxException notAnOrigin) {
                // "null" (a sandboxed page) and the like: fall back to where the request went.
            }
        }
        URI uri = request.uri();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static HandlerFunction<ServerResponse> onlyAllows(HttpMethod... methods) {
        List<HttpMethod> allowed = List.of(methods);
        return request -> Mono.error(new MethodNotAllowedException(request.method(), allowed));
    }

    /** The body of {@code POST /api/lists}; {@code null} means the field was not sent. */
    record CreateListRequest(String id, String name) {
    }

    /** The body of {@code PUT /api/lists/{listId}}: the new name, and the version the rename started from. */
    record RenameListRequest(String name, Long version) {
    }

    /** The body of {@code POST /api/lists/{listId}/invites}: {@code editor} or {@code viewer}. */
    record CreateInviteRequest(String role) {
    }

    /** Who the caller is: {@code {"id","name"}}. */
    record MeJson(String id, String name) {
    }

    /** A list as the caller sees it: {@code {"id","name","role","version","seq"}}. */
    record ListJson(String id, String name, String role, long version, long seq) {

        static ListJson of(ListWithRole list) {
            return of(list.list(), list.role());
        }

        static ListJson of(TodoList list, Role role) {
            return new ListJson(list.id().value(), list.name(), role.value(), list.version(), list.seq());
        }
    }

    /** Someone on a list: {@code {"id","name","role"}}. */
    record MemberJson(String id, String name, String role) {

        static MemberJson of(Member member) {
            return new MemberJson(member.personId().value(), member.name(), member.role().value());
        }
    }

    /** An invite: its token, the page's link that opens it, and until when it works (ISO-8601, UTC). */
    record InviteJson(String token, String url, String expiresAt) {

        static InviteJson of(Invite invite, String pageOrigin) {
            String token = invite.token().value();
            return new InviteJson(token, pageOrigin + "/#/invite/" + token, invite.expiresAt().toString());
        }
    }
}
