package dev.livetodos.issuer;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * Signing up: a name nobody has yet and a password, checked before anything is written; on
 * success the person is signed in at once and goes on where they were going (back to the page
 * that sent them, usually).
 */
@Controller
class SignUpPage {

    static final String PATH = "/sign-up";

    private static final Logger log = LoggerFactory.getLogger(SignUpPage.class);

    private final DynamoDbAccounts accounts;
    private final PasswordEncoder passwords;
    private final AccountConfiguration.SignIn signIn;
    private final RequestCache requests = new HttpSessionRequestCache();
    private final WebAuthenticationDetailsSource details = new WebAuthenticationDetailsSource();

    SignUpPage(DynamoDbAccounts accounts, PasswordEncoder passwords, AccountConfiguration.SignIn signIn) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.signIn = signIn;
    }

    @GetMapping(PATH)
    String form() {
        return "sign-up";
    }

    @PostMapping(PATH)
    String signUp(@RequestParam(name = "name", defaultValue = "") String name,
                  @RequestParam(name = "password", defaultValue = "") String password,
                  HttpServletRequest request, HttpServletResponse response, Model model) {
        List<String> problems = new ArrayList<>();
        AccountName.problemWith(name).ifPresent(problems::add);
        PasswordRules.problemWith(password).ifPresent(problems::add);
        model.addAttribute("name", name);
        if (!problems.isEmpty()) {
            response.setStatus(400);
            model.addAttribute("problems", problems);
            return "sign-up";
        }
        AccountName accountName = AccountName.of(name);
        try {
            accounts.create(accountName, passwords.encode(password));
        } catch (NameTakenException taken) {
            response.setStatus(409);
            model.addAttribute("problems", List.of("That name is taken. Choose another, or sign in."));
            return "sign-up";
        } catch (DynamoDbAccounts.AccountStoreException unavailable) {
            log.warn("A sign-up failed: {}", unavailable.getMessage());
            response.setStatus(503);
            model.addAttribute("problems", List.of("Signing up is not possible right now. Try again in a moment."));
            return "sign-up";
        }
        UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(accountName.display(), password);
        attempt.setDetails(details.buildDetails(request));
        Authentication person;
        try {
            person = signIn.manager().authenticate(attempt);
        } catch (AuthenticationException notNow) {
            // Created, but signing in right away was refused (the address is locked): the form says so.
            return "redirect:" + AuthorizationServerConfiguration.SIGN_IN;
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(person);
        SecurityContextHolder.setContext(context);
        signIn.repository().saveContext(context, request, response);
        SavedRequest goingTo = requests.getRequest(request, response);
        requests.removeRequest(request, response);
        return "redirect:" + (goingTo == null ? "/" : goingTo.getRedirectUrl());
    }
}
