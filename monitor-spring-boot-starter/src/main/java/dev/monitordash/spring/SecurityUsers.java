package dev.monitordash.spring;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

import java.io.IOException;
import java.security.Principal;

/**
 * The user of a request under Spring Security, for a filter that runs before Spring Security and asks
 * when the request is done. By then Spring Security has cleared its {@link SecurityContextHolder}, and
 * the request the outer filter holds is not the one Spring Security wrapped, so the user is looked up in
 * this order:
 * <ol>
 *   <li>what {@link #capture()} — a filter right behind Spring Security's — saw in the holder when the
 *       request got through security (every request that reached the application);</li>
 *   <li>the security context Spring Security saved for this request (HTTP Basic, bearer tokens, the login
 *       request itself) or in its session (form login): a 403 for a signed-in user without the role
 *       never got through, but has one of these;</li>
 *   <li>the container's principal.</li>
 * </ol>
 * An anonymous authentication is no user.
 */
final class SecurityUsers implements GroupBy {

    static final String ATTRIBUTE = SecurityUsers.class.getName() + ".user";

    @Override
    public String apply(HttpServletRequest request) {
        if (request.getAttribute(ATTRIBUTE) instanceof String user) {
            return user;
        }
        String user = nameIn(request.getAttribute(RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME));
        if (user != null) {
            return user;
        }
        HttpSession session = request.getSession(false); // never creates one
        if (session != null) {
            user = nameIn(session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY));
            if (user != null) {
                return user;
            }
        }
        Principal principal = request.getUserPrincipal();
        return principal == null ? null : principal.getName();
    }

    /** The filter that notes the authenticated user while Spring Security's context is still set. */
    static Filter capture() {
        return new Capture();
    }

    private static String nameIn(Object context) {
        return context instanceof SecurityContext c ? nameOf(c.getAuthentication()) : null;
    }

    private static String nameOf(Authentication authentication) {
        if (authentication == null || !authentication.isAuthenticated()
                || authentication instanceof AnonymousAuthenticationToken) {
            return null;
        }
        return authentication.getName();
    }

    private static final class Capture implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String user = nameOf(SecurityContextHolder.getContext().getAuthentication());
            if (user != null) {
                request.setAttribute(ATTRIBUTE, user);
            }
            chain.doFilter(request, response);
        }
    }
}
