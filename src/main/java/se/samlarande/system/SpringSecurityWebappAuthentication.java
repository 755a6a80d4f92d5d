package se.samlarande.system;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationResult;
import org.camunda.bpm.engine.rest.security.auth.AuthenticationProvider;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * One sign-in for the app and the Camunda webapps: Tasklist, Cockpit and Admin trust the person Spring Security
 * signed in on the app's own login page. Camunda's {@code ContainerBasedAuthenticationFilter} asks this provider
 * who is signed in and then loads that user's groups and tenants from the engine itself, so the engine's
 * authorizations apply exactly as with the webapps' own login.
 * <p>
 * Instantiated by the filter through its no-argument constructor (a Camunda convention), hence no Spring injection.
 */
public class SpringSecurityWebappAuthentication implements AuthenticationProvider {

    @Override
    public AuthenticationResult extractAuthenticatedUser(HttpServletRequest request, ProcessEngine engine) {
        Authentication signedIn = SecurityContextHolder.getContext().getAuthentication();
        if (signedIn == null || !signedIn.isAuthenticated() || signedIn instanceof AnonymousAuthenticationToken) {
            return AuthenticationResult.unsuccessful();
        }
        return AuthenticationResult.successful(signedIn.getName());
    }

    @Override
    public void augmentResponseByAuthenticationChallenge(HttpServletResponse response, ProcessEngine engine) {
        // Spring Security's entry point already answered unauthenticated requests (login page or 401).
    }
}
