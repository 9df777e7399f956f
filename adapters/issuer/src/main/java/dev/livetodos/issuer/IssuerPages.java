package dev.livetodos.issuer;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuer's own pages, besides signing up: signing in, the signed-in start page, and what a
 * person sees when a script asks to act for them (entering the code it shows, allowing it, done).
 */
@Controller
class IssuerPages {

    private static final Map<String, String> ACTIVATION_ERRORS = Map.of(
            "invalid_grant", "That code is unknown or has expired. Ask the script for a new one.",
            "access_denied", "You refused: the script gets no access.",
            "invalid_request", "That request could not be read. Start again from the script.");

    @RequestMapping(path = {AuthorizationServerConfiguration.SIGN_IN, AuthorizationServerConfiguration.SIGN_IN_REFUSED},
            method = {RequestMethod.GET, RequestMethod.POST})
    String signIn(HttpServletRequest request, Model model) {
        Object problem = request.getAttribute(AccountConfiguration.SIGN_IN_PROBLEM);
        if (problem instanceof AccountConfiguration.SignInProblem refused) {
            model.addAttribute("problem", refused.message());
            model.addAttribute("name", request.getParameter("name"));
        } else if (request.getParameter("signed-out") != null) {
            model.addAttribute("notice", "You are signed out.");
        }
        return "sign-in";
    }

    @GetMapping("/")
    String home(@AuthenticationPrincipal AccountUser person, Model model) {
        model.addAttribute("person", person.displayName());
        return "home";
    }

    /** Where a script sends its person: the code it shows, entered (or carried in the link). */
    @GetMapping(AuthorizationServerConfiguration.ACTIVATE)
    String activate(@RequestParam(name = "user_code", required = false) String userCode,
                    @RequestParam(name = "error", required = false) String error, Model model) {
        model.addAttribute("userCode", userCode == null ? "" : userCode);
        if (error != null) {
            model.addAttribute("problem", ACTIVATION_ERRORS.getOrDefault(error, ACTIVATION_ERRORS.get("invalid_request")));
        }
        return "activate";
    }

    /** The authorization server sends the person here to allow (or refuse) the script in so many words. */
    @GetMapping(AuthorizationServerConfiguration.ACTIVATE_CONSENT)
    String consent(@RequestParam("client_id") String clientId, @RequestParam("state") String state,
                   @RequestParam("user_code") String userCode, @RequestParam(name = "scope", defaultValue = "") String scope,
                   @AuthenticationPrincipal AccountUser person, Model model) {
        List<String> scopes = Arrays.stream(scope.split(" ")).filter(s -> !s.isBlank()).toList();
        model.addAttribute("clientId", clientId);
        model.addAttribute("state", state);
        model.addAttribute("userCode", userCode);
        model.addAttribute("scopes", scopes);
        model.addAttribute("person", person.displayName());
        return "consent";
    }

    @GetMapping(AuthorizationServerConfiguration.ACTIVATED)
    String activated(Authentication ignored) {
        return "activated";
    }
}
