package dev.livetodos.issuer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import software.amazon.awssdk.services.dynamodb.DynamoDbAsyncClient;

/**
 * Accounts and signing in: passwords hashed with Spring Security's delegating encoder (bcrypt
 * now; a hash names its algorithm, so a later default still reads older hashes), sign-in
 * rate-limited per name and per client address, and the filter chain of the issuer's own pages.
 */
@Configuration(proxyBeanMethods = false)
class AccountConfiguration {

    static final String SIGN_IN_PROBLEM = "livetodos.signInProblem";

    @Bean
    DynamoDbAccounts accounts(@Qualifier("accountsDynamoDbClient") DynamoDbAsyncClient client, IssuerProperties properties) {
        return new DynamoDbAccounts(client, properties.tableName(), Duration.ofSeconds(10), Clock.systemUTC());
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    /** The one way a name and password become a signed-in person: the form, and right after signing up. */
    @Bean
    SignIn signIn(DynamoDbAccounts accounts, PasswordEncoder passwords, IssuerProperties properties) {
        DaoAuthenticationProvider checkPassword = new DaoAuthenticationProvider(name -> accounts.findByName(name)
                .map(AccountUser::new)
                .orElseThrow(() -> new UsernameNotFoundException("no such account")));
        checkPassword.setPasswordEncoder(passwords);
        Clock clock = Clock.systemUTC();
        LimitedSignIn limited = new LimitedSignIn(checkPassword,
                new SignInAttempts(properties.signInFailuresPerName(), properties.signInWindow(), 100_000, clock),
                new SignInAttempts(properties.signInFailuresPerAddress(), properties.signInWindow(), 100_000, clock));
        ProviderManager manager = new ProviderManager(limited);
        manager.setEraseCredentialsAfterAuthentication(true);
        return new SignIn(manager, new HttpSessionSecurityContextRepository());
    }

    @Bean
    @Order(2)
    SecurityFilterChain pagesChain(HttpSecurity http, SignIn signIn) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(AuthorizationServerConfiguration.SIGN_IN, AuthorizationServerConfiguration.SIGN_IN_REFUSED, SignUpPage.PATH, "/issuer.css", "/error").permitAll()
                        .anyRequest().authenticated())
                .authenticationManager(signIn.manager())
                .securityContext(context -> context.securityContextRepository(signIn.repository()))
                .formLogin(form -> form.loginPage(AuthorizationServerConfiguration.SIGN_IN)
                        .usernameParameter("name")
                        .passwordParameter("password")
                        .failureHandler(AccountConfiguration::signInFailed)
                        .permitAll())
                .logout(logout -> logout.logoutUrl("/sign-out").logoutSuccessUrl(AuthorizationServerConfiguration.SIGN_IN + "?signed-out"))
                .cors(Customizer.withDefaults())
                .exceptionHandling(exceptions -> AuthorizationServerConfiguration.entryPoints(exceptions::defaultAuthenticationEntryPointFor));
        return http.build();
    }

    /**
     * A refused sign-in shows the form again, saying why: 429 with {@code Retry-After} when the
     * name or address is locked, 503 when the store did not answer, 401 for a wrong name or password.
     */
    private static void signInFailed(HttpServletRequest request, HttpServletResponse response, AuthenticationException failure)
            throws IOException, jakarta.servlet.ServletException {
        SignInProblem problem;
        if (failure instanceof SignInLockedException locked) {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(locked.retryAfterSeconds()));
            problem = new SignInProblem("Too many failed sign-ins. Try again in " + locked.retryAfterSeconds() + " seconds.");
        } else if (failure instanceof org.springframework.security.authentication.InternalAuthenticationServiceException) {
            response.setStatus(503);
            problem = new SignInProblem("Signing in is not possible right now. Try again in a moment.");
        } else {
            response.setStatus(401);
            problem = new SignInProblem("Wrong name or password.");
        }
        request.setAttribute(SIGN_IN_PROBLEM, problem);
        request.getRequestDispatcher(AuthorizationServerConfiguration.SIGN_IN_REFUSED).forward(request, response);
    }

    /** What the sign-in form says after a refusal. */
    record SignInProblem(String message) {
    }

    /** Signing a person in: the rate-limited manager, and where their signed-in state is kept. */
    record SignIn(AuthenticationManager manager, SecurityContextRepository repository) {
    }
}
