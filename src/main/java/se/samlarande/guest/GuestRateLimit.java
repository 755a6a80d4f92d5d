package se.samlarande.guest;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
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
 * Rate limits on what anyone on the internet can reach without an account: opening personal links (guessing
 * tokens), renewing links (sending email), and posting forms and requests. Per client address, token buckets
 * (Bucket4j) in a bounded cache; past the limit the answer is 429 with Retry-After. A post larger than any form
 * could be is refused before it is read.
 */
@Configuration(proxyBeanMethods = false)
class GuestRateLimit {

    private static final Logger log = LoggerFactory.getLogger(GuestRateLimit.class);

    @Bean
    FilterRegistrationBean<Filter> guestRateLimitFilter(
            @Value("${samlarande.guest.rate-limit.links-per-minute:30}") int linksPerMinute,
            @Value("${samlarande.guest.rate-limit.posts-per-minute:20}") int postsPerMinute,
            @Value("${spring.servlet.multipart.max-request-size:25MB}") org.springframework.util.unit.DataSize maxUpload) {
        var registration = new FilterRegistrationBean<>(new Filter(linksPerMinute, postsPerMinute, maxUpload.toBytes()));
        registration.addUrlPatterns("/g/*", "/guest/*", "/request", "/request/*");
        registration.setName("guestRateLimit");
        return registration;
    }

    /** Opening a link counts against one bucket, posting against another, per client address. */
    static final class Filter extends OncePerRequestFilter {

        /** Every field of every guest form at its longest, with room to spare. */
        static final long MAX_POST_BYTES = 256 * 1024;

        /** A blog post with its images: multipart, up to the multipart request limit. */
        static final String BLOG_POSTS = "/guest/blog/posts";

        private final int linksPerMinute;
        private final int postsPerMinute;
        private final long maxUploadBytes;
        private final Cache<String, Bucket> buckets = Caffeine.newBuilder().maximumSize(100_000)
                .expireAfterAccess(Duration.ofMinutes(10)).build();

        Filter(int linksPerMinute, int postsPerMinute) {
            this(linksPerMinute, postsPerMinute, MAX_POST_BYTES);
        }

        Filter(int linksPerMinute, int postsPerMinute, long maxUploadBytes) {
            this.linksPerMinute = linksPerMinute;
            this.postsPerMinute = postsPerMinute;
            this.maxUploadBytes = maxUploadBytes;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            boolean link = request.getRequestURI().startsWith("/g/");
            long maxBytes = BLOG_POSTS.equals(request.getRequestURI()) ? Math.max(maxUploadBytes, MAX_POST_BYTES) : MAX_POST_BYTES;
            if ("POST".equals(request.getMethod()) && (request.getContentLengthLong() < 0
                    || request.getContentLengthLong() > maxBytes)) {
                // No form of ours comes near this; a body without a length (chunked) is not what our page sends.
                response.sendError(413);
                return;
            }
            if (!link && !"POST".equals(request.getMethod())) {
                chain.doFilter(request, response);
                return;
            }
            int perMinute = link ? linksPerMinute : postsPerMinute;
            Bucket bucket = buckets.get((link ? "link:" : "post:") + request.getRemoteAddr(), key -> Bucket.builder()
                    .addLimit(Bandwidth.builder().capacity(perMinute).refillGreedy(perMinute, Duration.ofMinutes(1)).build())
                    .build());
            if (bucket.tryConsume(1)) {
                chain.doFilter(request, response);
                return;
            }
            log.warn("Rate limit reached for {} from {}", link ? "links" : "posts", request.getRemoteAddr());
            response.setStatus(429);
            response.setHeader("Retry-After", "60");
            response.setContentType("text/plain;charset=UTF-8");
            response.getWriter().write("För många försök. Vänta en minut. / Too many attempts. Please wait a minute.");
        }
    }
}
