package dev.livetodos.bootstrap;

import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListChangesUseCase;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.application.port.out.Lists;
import dev.livetodos.application.port.out.RecordedWrites;
import dev.livetodos.application.port.out.TodoStore;
import dev.livetodos.application.service.CreateTodoService;
import dev.livetodos.application.service.DeleteTodosService;
import dev.livetodos.application.service.GetTodoService;
import dev.livetodos.application.service.ListChangesService;
import dev.livetodos.application.service.ListTodosService;
import dev.livetodos.application.service.UpdateTodosService;
import dev.livetodos.domain.model.TodoId;
import java.time.Clock;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The core's use cases, created by hand so the core carries no framework annotations. */
@Configuration(proxyBeanMethods = false)
class ApplicationConfiguration {

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    ListTodosUseCase listTodosUseCase(TodoStore todos, Lists lists) {
        return new ListTodosService(todos, lists);
    }

    @Bean
    GetTodoUseCase getTodoUseCase(TodoStore todos, Lists lists) {
        return new GetTodoService(todos, lists);
    }

    @Bean
    CreateTodoUseCase createTodoUseCase(TodoStore todos, Lists lists, RecordedWrites recorded, Clock clock) {
        return new CreateTodoService(todos, lists, recorded, clock, TodoId::random);
    }

    @Bean
    UpdateTodosUseCase updateTodosUseCase(TodoStore todos, Lists lists, RecordedWrites recorded, Clock clock) {
        return new UpdateTodosService(todos, lists, recorded, clock);
    }

    @Bean
    DeleteTodosUseCase deleteTodosUseCase(TodoStore todos, Lists lists, RecordedWrites recorded) {
        return new DeleteTodosService(todos, lists, recorded);
    }

    /** The change feed: a cursor is good for as long as deletes' tombstones are kept. */
    @Bean
    ListChangesUseCase listChangesUseCase(TodoStore todos, Lists lists, Clock clock, LivetodosProperties properties) {
        return new ListChangesService(todos, lists, clock, properties.tombstoneRetention(), ListChangesService.DEFAULT_PAGE_SIZE);
    }
}
