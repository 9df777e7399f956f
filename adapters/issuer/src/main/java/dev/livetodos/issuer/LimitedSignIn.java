package dev.livetodos.issuer;

import java.time.Duration;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * Sign-in with a name and password, rate-limited: before the password is even checked, a name or
 * client address with too many recent failures is refused ({@link SignInLockedException}); a
 * wrong password counts against both; a right one clears the name.
 */
final class LimitedSignIn implements AuthenticationProvider {

    private final AuthenticationProvider passwords;
    private final SignInAttempts perName;
    private final SignInAttempts perAddress;

    LimitedSignIn(AuthenticationProvider passwords, SignInAttempts perName, SignInAttempts perAddress) {
        this.passwords = passwords;
        this.perName = perName;
        this.perAddress = perAddress;
    }

    @Override
    public Authentication authenticate(Authentication attempt) throws AuthenticationException {
        String name = "name:" + AccountName.normalize(String.valueOf(attempt.getName()));
        String address = "address:" + address(attempt);
        Optional<Duration> locked = Stream.of(perName.lockedFor(name), perAddress.lockedFor(address))
                .flatMap(Optional::stream).max(Comparator.naturalOrder());
        if (locked.isPresent()) {
            throw new SignInLockedException(locked.get());
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            perName.succeeded(name);
            return signedIn;
        } catch (BadCredentialsException wrong) {
            perName.failed(name);
            perAddress.failed(address);
            throw wrong;
        }
    }

    private static String address(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details && details.getRemoteAddress() != null
                ? details.getRemoteAddress() : "unknown";
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
