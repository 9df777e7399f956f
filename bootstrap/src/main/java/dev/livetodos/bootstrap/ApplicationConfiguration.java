package dev.livetodos.bootstrap;

import dev.livetodos.application.port.in.CreateTodoUseCase;
import dev.livetodos.application.port.in.DeleteTodosUseCase;
import dev.livetodos.application.port.in.GetTodoUseCase;
import dev.livetodos.application.port.in.ListTodosUseCase;
import dev.livetodos.application.port.in.UpdateTodosUseCase;
import dev.livetodos.application.port.out.TodoRepository;
import dev.livetodos.application.service.CreateTodoService;
import dev.livetodos.application.service.DeleteTodosService;
import dev.livetodos.application.service.GetTodoService;
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
    ListTodosUseCase listTodosUseCase(TodoRepository todos) {
        return new ListTodosService(todos);
    }

    @Bean
    GetTodoUseCase getTodoUseCase(TodoRepository todos) {
        return new GetTodoService(todos);
    }

    @Bean
    CreateTodoUseCase createTodoUseCase(TodoRepository todos, Clock clock) {
        return new CreateTodoService(todos, clock, TodoId::random);
    }

    @Bean
    UpdateTodosUseCase updateTodosUseCase(TodoRepository todos, Clock clock) {
        return new UpdateTodosService(todos, clock);
    }

    @Bean
    DeleteTodosUseCase deleteTodosUseCase(TodoRepository todos) {
        return new DeleteTodosService(todos);
    }
}
