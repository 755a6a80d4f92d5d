package se.samlarande.system;

import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Who may see what.
 * <ul>
 * <li>The app's staff pages ({@code /app/**}): Spring Security form login with the Camunda account; reading for
 * every staff group, acting on a visit for coordinators and admins; on a visit's blog every staff group posts and
 * comments, hosts, coordinators and admins hide and make it public.</li>
 * <li>Guest pages and public blogs ({@code /blog/**}): no account; strict headers.</li>
 * <li>{@code /engine-rest/**}: HTTP Basic through Camunda's own filter, so the engine checks its authorizations.</li>
 * <li>{@code /camunda/**} (Tasklist, Cockpit, Admin): left to the webapps' own login and CSRF protection.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    static final String ADMINS = "camunda-admin";
    static final String[] STAFF = {"coordinators", "hosts", "process-owners", ADMINS};
    static final String[] ACTORS = {"coordinators", ADMINS};
    /** Who hides blog posts and comments and makes a blog public. */
    static final String[] MODERATORS = {"hosts", "coordinators", ADMINS};

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
                        .contentSecurityPolicy(csp -> csp.policyDirectives("default-src 'self'; script-src 'self'; "
                                + "style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'; "
                                + "form-action 'self'; base-uri 'none'"))
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
                        .requestMatchers(HttpMethod.POST, "/app/visits/**").hasAnyAuthority(ACTORS)
                        .requestMatchers("/app/**").hasAnyAuthority(STAFF)
                        .anyRequest().denyAll())
                .formLogin(login -> login.loginPage("/login").defaultSuccessUrl("/app/visits", false).permitAll())
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(
                                "default-src 'self'; img-src 'self' data:; style-src 'self'; frame-ancestors 'none'; form-action 'self'"))
                        .referrerPolicy(referrer -> referrer.policy(
                                org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
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
                        org.springframework.security.config.http.SessionCreationPolicy.STATELESS));
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
