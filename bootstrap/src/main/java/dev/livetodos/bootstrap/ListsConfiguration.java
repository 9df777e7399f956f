package dev.livetodos.bootstrap;

import dev.livetodos.adapter.in.web.ListRoutes;
import dev.livetodos.adapter.out.dynamodb.DynamoDbInvites;
import dev.livetodos.adapter.out.dynamodb.DynamoDbLegacyTodos;
import dev.livetodos.adapter.out.dynamodb.DynamoDbMembers;
import dev.livetodos.adapter.out.dynamodb.DynamoDbPeople;
import dev.livetodos.application.port.in.AcceptInviteUseCase;
import dev.livetodos.application.port.in.CreateInviteUseCase;
import dev.livetodos.application.port.in.CreateListUseCase;
import dev.livetodos.application.port.in.DeleteListUseCase;
import dev.livetodos.application.port.in.EnsurePersonUseCase;
import dev.livetodos.application.port.in.ListMembersUseCase;
import dev.livetodos.application.port.in.ListMyListsUseCase;
import dev.livetodos.application.port.in.RemoveMemberUseCase;
import dev.livetodos.application.port.in.RenameListUseCase;
import dev.livetodos.application.port.out.Invites;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.Members;
import dev.livetodos.application.port.out.People;
import dev.livetodos.application.service.AcceptInviteService;
import dev.livetodos.application.service.CreateInviteService;
import dev.livetodos.application.service.CreateListService;
import dev.livetodos.application.service.DeleteListService;
import dev.livetodos.application.service.EnsurePersonService;
import dev.livetodos.application.service.ListMembersService;
import dev.livetodos.application.service.ListMyListsService;
import dev.livetodos.application.service.RemoveMemberService;
import dev.livetodos.application.service.RenameListService;
import dev.livetodos.domain.model.ListId;
import java.time.Clock;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.ServerResponse;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * People, lists, members and invites, on both hosts (the local server and the AWS HTTP
 * function run the same WebFlux app): their stores in the todo table, the core's use cases, and
 * the routes. The people port is the handover's decorator ({@link LegacyTodosHandover}), so the
 * first person recorded receives the todos of earlier versions.
 */
@Configuration(proxyBeanMethods = false)
class ListsConfiguration {

    @Bean
    DynamoDbMembers members(DynamoDbAsyncClient client, StoreConnection store) {
        return new DynamoDbMembers(client, store.tableName());
    }

    @Bean
    DynamoDbInvites invites(DynamoDbAsyncClient client, StoreConnection store, Clock clock) {
        return new DynamoDbInvites(client, store.tableName(), clock);
    }

    @Bean
    LegacyTodosHandover legacyTodosHandover(DynamoDbAsyncClient client, StoreConnection store, Lists lists, Clock clock) {
        return new LegacyTodosHandover(new DynamoDbLegacyTodos(client, store.tableName()), lists, clock);
    }

    /** The store's people, with the handover of earlier versions' todos on their first sign-in. */
    @Bean
    People people(DynamoDbAsyncClient client, StoreConnection store, LegacyTodosHandover handover) {
        return LegacyTodosHandover.handingOver(new DynamoDbPeople(client, store.tableName()), handover);
    }

    @Bean
    EnsurePersonUseCase ensurePersonUseCase(People people) {
        return new EnsurePersonService(people, ListId::random);
    }

    @Bean
    ListMyListsUseCase listMyListsUseCase(Members members) {
        return new ListMyListsService(members);
    }

    @Bean
    CreateListUseCase createListUseCase(Lists lists) {
        return new CreateListService(lists, ListId::random);
    }

    @Bean
    RenameListUseCase renameListUseCase(Lists lists) {
        return new RenameListService(lists);
    }

    @Bean
    DeleteListUseCase deleteListUseCase(Lists lists) {
        return new DeleteListService(lists);
    }

    @Bean
    ListMembersUseCase listMembersUseCase(Members members) {
        return new ListMembersService(members);
    }

    @Bean
    RemoveMemberUseCase removeMemberUseCase(Lists lists, Members members) {
        return new RemoveMemberService(lists, members);
    }

    @Bean
    CreateInviteUseCase createInviteUseCase(Lists lists, Invites invites, Clock clock) {
        return new CreateInviteService(lists, invites, clock);
    }

    @Bean
    AcceptInviteUseCase acceptInviteUseCase(Invites invites, Lists lists, Members members) {
        return new AcceptInviteService(invites, lists, members);
    }

    @Bean
    @ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.REACTIVE)
    RouterFunction<ServerResponse> listRoutes(
            EnsurePersonUseCase ensurePerson, ListMyListsUseCase listMyLists, CreateListUseCase createList,
            RenameListUseCase renameList, DeleteListUseCase deleteList, ListMembersUseCase listMembers,
            RemoveMemberUseCase removeMember, CreateInviteUseCase createInvite, AcceptInviteUseCase acceptInvite) {
        return new ListRoutes(ensurePerson, listMyLists, createList, renameList, deleteList, listMembers, removeMember,
                createInvite, acceptInvite).routes();
    }
}
