package se.samlarande.system;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.OncePerRequestFilter;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;

/**
 * Limits on guessing passwords: the login form ({@code POST /login}) and HTTP Basic on {@code /engine-rest} and the
 * actuator. Only failed attempts count (a wrong password, an unknown user), in three token buckets (Bucket4j) in
 * bounded caches, all refilled over one window:
 * <ul>
 * <li>per client address: a few dozen failures, whatever the accounts;</li>
 * <li>per account and client address: a handful; the account's owner, signing in from another address, is not
 * affected;</li>
 * <li>per account, over every address: when an account has failed many times everywhere, only addresses that have
 * failed for it are refused; an address that has not (its owner's, usually) still signs in.</li>
 * </ul>
 * Past a limit the answer is 429 with Retry-After, before the password is checked; the login page says so in Swedish and
 * English. A successful sign-in clears its account and address pair. Because no stranger may lock anyone out, the
 * engine's own lock of a user after failed logins is switched off (application.yaml), and the engine's password check
 * for another user ({@code /engine-rest/identity/verify}) counts as a failure each time. The client address is
 * Tomcat's remote address, which honours X-Forwarded-For only from the configured proxies
 * ({@code SAMLARANDE_TRUSTED_PROXIES}).
 */
@Configuration(proxyBeanMethods = false)
class SignInRateLimit {

    /** Before Spring Security's filter chain (-100), so a refused attempt never reaches a password check. */
    static final int ORDER = -110;

    @Bean
    FilterRegistrationBean<Filter> signInRateLimitFilter(
            @Value("${samlarande.sign-in.rate-limit.failures-per-client:30}") int perClient,
            @Value("${samlarande.sign-in.rate-limit.failures-per-account-and-client:5}") int perAccountAndClient,
            @Value("${samlarande.sign-in.rate-limit.failures-per-account:100}") int perAccount,
            @Value("${samlarande.sign-in.rate-limit.window:PT10M}") Duration window) {
        var registration = new FilterRegistrationBean<>(new Filter(perClient, perAccountAndClient, perAccount, window));
        registration.addUrlPatterns("/login", "/engine-rest/*", "/actuator/*");
        registration.setName("signInRateLimit");
        registration.setOrder(ORDER);
        return registration;
    }

    static final class Filter extends OncePerRequestFilter {

        private static final Logger log = LoggerFactory.getLogger(SignInRateLimit.class);
        static final String LIMITED = "signInLimited";
        private static final String VERIFY = "/engine-rest/identity/verify";

        private final int perClient;
        private final int perAccountAndClient;
        private final int perAccount;
        private final Duration window;
        private final Cache<String, Bucket> clients;
        private final Cache<String, Bucket> pairs;
        private final Cache<String, Bucket> accounts;

        Filter(int perClient, int perAccountAndClient, int perAccount, Duration window) {
            this.perClient = perClient;
            this.perAccountAndClient = perAccountAndClient;
            this.perAccount = perAccount;
            this.window = window;
            this.clients = cache();
            this.pairs = cache();
            this.accounts = cache();
        }

        private Cache<String, Bucket> cache() {
            return Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(window.multipliedBy(2)).build();
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean form = "/login".equals(request.getRequestURI());
            if (form && !"POST".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            Optional<String> account = form ? Optional.ofNullable(request.getParameter("username")) : basicUser(request);
            boolean verify = VERIFY.equals(request.getRequestURI());
            if (account.isEmpty() && !verify) {
                chain.doFilter(request, response);
                return;
            }
            String client = request.getRemoteAddr();
            String user = account.map(name -> name.trim().toLowerCase(Locale.ROOT)).orElse("");
            long waitSeconds = refusedFor(client, user);
            if (waitSeconds > 0) {
                log.warn("Sign-in refused for a while: too many failed attempts for account '{}' or from {}", user, client);
                refuse(request, response, form, waitSeconds);
                return;
            }
            chain.doFilter(request, response);
            if (verify || failed(request, response, form)) {
                bucket(clients, client, perClient).tryConsume(1);
                bucket(pairs, user + "@" + client, perAccountAndClient).tryConsume(1);
                bucket(accounts, user, perAccount).tryConsume(1);
            } else {
                pairs.invalidate(user + "@" + client);
            }
        }

        /** Seconds until this client may try this account again; 0 if it may now. */
        private long refusedFor(String client, String user) {
            long wait = waitFor(clients.getIfPresent(client));
            Bucket pair = pairs.getIfPresent(user + "@" + client);
            wait = Math.max(wait, waitFor(pair));
            if (pair != null) {
                // An account under attack from everywhere: only addresses that have failed for it are held back.
                wait = Math.max(wait, waitFor(accounts.getIfPresent(user)));
            }
            return wait;
        }

        private static long waitFor(Bucket bucket) {
            if (bucket == null || bucket.getAvailableTokens() > 0) {
                return 0;
            }
            long nanos = bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
            return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
        }

        private Bucket bucket(Cache<String, Bucket> cache, String key, int capacity) {
            return cache.get(key, k -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(capacity).refillGreedy(capacity, window).build()).build());
        }

        /** The login form sends a failure back to {@code /login?error}; HTTP Basic answers 401. */
        private static boolean failed(HttpServletRequest request, HttpServletResponse response, boolean form) {
            if (form) {
                String location = response.getHeader("Location");
                return location != null && location.contains("/login?error");
            }
            return response.getStatus() == HttpServletResponse.SC_UNAUTHORIZED;
        }

        private static Optional<String> basicUser(HttpServletRequest request) {
            String header = request.getHeader("Authorization");
            if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
                return Optional.empty();
            }
            try {
                String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                return Optional.of(colon < 0 ? decoded : decoded.substring(0, colon));
            } catch (IllegalArgumentException notBase64) {
                return Optional.of("");
            }
        }

        /** 429 with Retry-After; the login form is shown again with the reason (as a GET, so nobody signs in). */
        private static void refuse(HttpServletRequest request, HttpServletResponse response, boolean form, long seconds)
                throws ServletException, IOException {
            response.setStatus(429);
            response.setHeader("Retry-After", Long.toString(seconds));
            if (form) {
                request.setAttribute(LIMITED, (seconds + 59) / 60);
                request.getRequestDispatcher("/login").forward(new HttpServletRequestWrapper(request) {
                    @Override
                    public String getMethod() {
                        return "GET";
                    }
                }, response);
                return;
            }
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("För många misslyckade inloggningar. Försök igen om " + seconds
                    + " sekunder. / Too many failed sign-ins. Try again in " + seconds + " seconds.");
        }
    }
}
