package se.samlarande.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;

import org.camunda.bpm.webapp.impl.security.auth.ContainerBasedAuthenticationFilter;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.HttpStatusEntryPoint;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.authentication.logout.HttpStatusReturningLogoutSuccessHandler;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.AnyRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may see what.
 * <ul>
 * <li>The app's staff pages ({@code /app/**}): Spring Security form login with the Camunda account; reading for
 * every staff group, acting on a visit for coordinators and admins; the report ({@code /app/report}) for process
 * owners and admins; a visit's audit trail for process owners, coordinators and admins; register extracts and erasure
 * on request ({@code /app/privacy}) for coordinators and admins; the partner register ({@code /app/partners}) read by
 * every staff group and edited by coordinators and admins, who alone register visits on the app's registration page
 * ({@code /app/visits/new}); the register of units ({@code /app/units}) read by every staff group and kept by admins
 * alone. Scripts only from the app
 * itself (the report's charts). On a visit's blog every staff group posts and comments; hosts, coordinators and
 * admins hide and make it public.</li>
 * <li>Guest pages and public blogs ({@code /blog/**}): no account; strict headers.</li>
 * <li>The library of good examples ({@code /app/library}) and learning packages ({@code /app/packages}): read by every
 * staff group, curated, assembled and published by coordinators and admins. A published package
 * ({@code /packages/**}, page and PDF) is for anyone, read only.</li>
 * <li>{@code /engine-rest/**}: HTTP Basic through Camunda's own filter, so the engine checks its authorizations.</li>
 * <li>{@code /camunda/**} (Tasklist, Cockpit, Admin): the same sign-in as the app's pages. Spring Security sends
 * anyone not signed in to the app's login page (the webapps' API answers 401), and Camunda's
 * {@code ContainerBasedAuthenticationFilter} hands the signed-in user to the webapps, which then load the user's
 * groups and apply the engine's authorizations. The webapps keep their own CSRF protection; signing out in a
 * webapp signs out of the app as well.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMINS = "camunda-admin";
    static final String[] STAFF = {"coordinators", "hosts", "process-owners", ADMINS};
    static final String[] ACTORS = {"coordinators", ADMINS};
    /** The result measures: for those who own the process. */
    static final String[] REPORT_READERS = {"process-owners", ADMINS};
    /** A visit's audit trail: process owners, and coordinators, who answer for what happened to the visits they run. */
    static final String[] AUDIT_READERS = {"process-owners", "coordinators", ADMINS};
    /** Register extracts and erasure on request: coordinators, who answer for the visits, and admins. */
    static final String[] PRIVACY_OFFICERS = {"coordinators", ADMINS};
    /** Who hides blog posts and comments and makes a blog public. */
    static final String[] MODERATORS = {"hosts", "coordinators", ADMINS};
    /** Who curates the library of good examples and assembles and publishes learning packages. */
    static final String[] CURATORS = {"coordinators", ADMINS};

    /** Guest pages and public blogs: scripts only from the app (the form viewer); form-js sets inline styles. */
    static final String GUEST_CSP = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    /** Staff pages: scripts only from the app (the report's charts), no inline styles. */
    static final String STAFF_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    /** Published learning packages: no script at all, styles and images only from the app. */
    static final String PUBLIC_CSP = "default-src 'self'; script-src 'none'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'";
    /** Everything else the app answers (errors, the actuator, the REST API): nothing to load, nothing to frame. */
    static final String NOTHING_CSP = "default-src 'none'; style-src 'self'; img-src 'self'; frame-ancestors 'none'; "
            + "form-action 'self'; base-uri 'none'";

    /**
     * No observations of Spring Security's own work (each filter of a chain, each authentication and authorization):
     * with the actuator's registry present, every request timed each filter of its chain, 4–5 % of the guest pages'
     * CPU at 200 requests/s (BENCHMARKS.md). Each request is still timed as a whole ({@code http.server.requests}),
     * and the app's own metrics stay.
     */
    @Bean
    SecurityObservationSettings securityObservationSettings() {
        return SecurityObservationSettings.noObservations();
    }

    /**
     * Guest pages: no account, the personal link's session instead; CSRF tokens on every post (the form page sends
     * its token as a header), no Referer leaving the page, nothing framed, scripts only from the app itself.
     */
    @Bean
    @Order(1)
    SecurityFilterChain guestPages(HttpSecurity http) throws Exception {
        http.securityMatcher("/g/**", "/guest/**", "/request", "/request/**", "/blog/**", "/vendor/**", "/js/**")
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .requestCache(cache -> cache.disable())
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(GUEST_CSP))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.NO_REFERRER)));
        return http.build();
    }

    @Bean
    @Order(2)
    SecurityFilterChain staffPages(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        http.securityMatcher("/", "/app/**", "/login", "/logout", "/css/**")
                .authenticationProvider(users)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/", "/login", "/css/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/app/visits/*/blog/posts", "/app/visits/*/blog/posts/*/comments")
                        .hasAnyAuthority(STAFF)
                        .requestMatchers(HttpMethod.POST, "/app/visits/*/blog/**").hasAnyAuthority(MODERATORS)
                        .requestMatchers("/app/report", "/app/report/**").hasAnyAuthority(REPORT_READERS)
                        .requestMatchers(HttpMethod.POST, "/app/migrations/**").hasAuthority(ADMINS)
                        .requestMatchers("/app/migrations").hasAnyAuthority(REPORT_READERS)
                        .requestMatchers("/app/visits/*/audit", "/app/visits/*/audit.csv")
                                .hasAnyAuthority(AUDIT_READERS)
                        .requestMatchers("/app/privacy", "/app/privacy/**").hasAnyAuthority(PRIVACY_OFFICERS)
                        .requestMatchers(HttpMethod.POST, "/app/units", "/app/units/**").hasAuthority(ADMINS)
                        .requestMatchers("/app/visits/new").hasAnyAuthority(ACTORS)
                        .requestMatchers(HttpMethod.POST, "/app/partners/**").hasAnyAuthority(ACTORS)
                        .requestMatchers(HttpMethod.POST, "/app/library", "/app/library/**", "/app/packages",
                                "/app/packages/**").hasAnyAuthority(CURATORS)
                        .requestMatchers(HttpMethod.POST, "/app/visits/**").hasAnyAuthority(ACTORS)
                        .requestMatchers("/app/**").hasAnyAuthority(STAFF)
                        .anyRequest().denyAll())
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/app/visits", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(STAFF_CSP))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    /**
     * Published learning packages ({@code /packages/<slug>} and its PDF): for anyone, read only, no session; the
     * strictest policy a page can have (no script at all, styles only from the app).
     */
    @Bean
    @Order(2)
    SecurityFilterChain publicPackages(HttpSecurity http) throws Exception {
        http.securityMatcher("/packages/**")
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(HttpMethod.GET, "/packages/**").permitAll()
                        .anyRequest().denyAll())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(PUBLIC_CSP)));
        return http.build();
    }

    /**
     * The Camunda webapps behind the app's sign-in. Their static files stay open (the login page is the app's);
     * their pages need a signed-in person, their API answers 401 instead of redirecting. The webapps' own logout
     * call, with the webapps' CSRF token, ends the whole session (without the token Camunda's CSRF filter refuses
     * it and ends the session too, as it does for any forged request).
     */
    @Bean
    @Order(4)
    SecurityFilterChain camundaWebapps(HttpSecurity http) throws Exception {
        // Path patterns on the whole path: the webapps' API is served by a servlet of its own, not Spring MVC.
        PathPatternRequestMatcher.Builder paths = PathPatternRequestMatcher.withDefaults();
        RequestMatcher api = paths.matcher("/camunda/api/**");
        RequestMatcher webappLogout = new AndRequestMatcher(
                paths.matcher(HttpMethod.POST, "/camunda/api/admin/auth/user/*/logout"), SecurityConfiguration::hasWebappCsrfToken);
        http.securityMatcher(paths.matcher("/camunda/**"))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers(paths.matcher("/camunda/app/**"), api).authenticated()
                        .anyRequest().permitAll())
                .exceptionHandling(errors -> errors
                        .defaultAuthenticationEntryPointFor(new HttpStatusEntryPoint(HttpStatus.UNAUTHORIZED), api)
                        .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"),
                                AnyRequestMatcher.INSTANCE))
                // After signing in, back to the webapp page that was asked for, never to one of its API calls.
                .requestCache(cache -> cache.requestCache(webappPagesOnly(paths)))
                // Camunda's own CsrfPreventionFilter protects the webapps (header X-XSRF-TOKEN).
                .csrf(csrf -> csrf.disable())
                .logout(logout -> logout.logoutRequestMatcher(webappLogout)
                        .logoutSuccessHandler(new HttpStatusReturningLogoutSuccessHandler(HttpStatus.OK)))
                .headers(headers -> headers.frameOptions(frame -> frame.sameOrigin()));
        return http.build();
    }

    /** The header the webapps send with the token Camunda's CSRF filter keeps in the session. */
    private static boolean hasWebappCsrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        String token = request.getHeader(CsrfConstants.CSRF_TOKEN_HEADER_NAME);
        return session != null && token != null && token.equals(session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME));
    }

    private static HttpSessionRequestCache webappPagesOnly(PathPatternRequestMatcher.Builder paths) {
        var cache = new HttpSessionRequestCache();
        cache.setRequestMatcher(paths.matcher(HttpMethod.GET, "/camunda/app/**"));
        cache.setMatchingRequestParameterName(null);
        return cache;
    }

    /** No expressions into the engine through its APIs (see {@link EngineExpressionGuard}); before Camunda's own filters. */
    @Bean
    FilterRegistrationBean<EngineExpressionGuard> engineExpressionGuard() {
        var registration = new FilterRegistrationBean<>(new EngineExpressionGuard());
        registration.setName("engine-expression-guard");
        registration.addUrlPatterns("/engine-rest/*", "/camunda/api/*");
        registration.setOrder(100);
        return registration;
    }

    /** Tasklist, Cockpit and Admin trust the app's sign-in (see {@link SpringSecurityWebappAuthentication}). */
    @Bean
    FilterRegistrationBean<ContainerBasedAuthenticationFilter> webappSingleSignOn() {
        var registration = new FilterRegistrationBean<>(new ContainerBasedAuthenticationFilter());
        registration.setName("camunda-webapp-sso");
        registration.addInitParameter("authentication-provider", SpringSecurityWebappAuthentication.class.getName());
        registration.addUrlPatterns("/camunda/app/*", "/camunda/api/*");
        // after Spring Security's filter chain, so the signed-in person is known
        registration.setOrder(101);
        return registration;
    }

    /** Actuator: health and probes for anyone (details only when signed in); metrics for process owners and admins. */
    @Bean
    @Order(3)
    SecurityFilterChain operations(HttpSecurity http, CamundaUserAuthenticationProvider users) throws Exception {
        http.securityMatcher("/actuator/**")
                .authenticationProvider(users)
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .anyRequest().hasAnyAuthority("process-owners", ADMINS))
                .httpBasic(basic -> { })
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOTHING_CSP)));
        return http.build();
    }

    /**
     * Everything no other chain claims: the error pages ({@code /error}, and any address that does not exist) and
     * {@code /engine-rest/**}, whose authentication is Camunda's own filter (HTTP Basic, no session, hence no CSRF).
     * Nothing is opened here that was closed: this chain only adds the security headers (CSP, HSTS on HTTPS,
     * nosniff, no framing) to those answers.
     */
    @Bean
    @Order(5)
    SecurityFilterChain everythingElse(HttpSecurity http) throws Exception {
        http.securityMatcher(AnyRequestMatcher.INSTANCE)
                .authorizeHttpRequests(auth -> auth.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .requestCache(cache -> cache.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS))
                .headers(headers -> headers.contentSecurityPolicy(csp -> csp.policyDirectives(NOTHING_CSP)));
        return http.build();
    }

    /** The REST API requires authentication (as Camunda Run does); {@code GET /engine-rest/engine} stays open by design. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthentication() {
        var registration = new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.setName("camunda-auth");
        registration.addInitParameter("authentication-provider", HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setOrder(101);
        return registration;
    }
}
