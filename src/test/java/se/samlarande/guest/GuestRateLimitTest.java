package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** Guessing tokens and flooding forms stop at the limit, per client, while reading pages is not limited. */
class GuestRateLimitTest {

    private final GuestRateLimit.Filter filter = new GuestRateLimit.Filter(3, 2);

    private int status(String method, String uri, String client) throws Exception {
        return status(method, uri, client, new byte[10]);
    }

    private int status(String method, String uri, String client, byte[] body) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setRemoteAddr(client);
        if ("POST".equals(method)) {
            request.setContent(body);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        filter.doFilter(request, response, new MockFilterChain());
        return response.getStatus();
    }

    @Test
    void linksOpenedPastTheLimitAreRefusedForThatClientOnly() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertThat(status("GET", "/g/guess" + i, "198.51.100.7")).isEqualTo(200);
        }
        assertThat(status("GET", "/g/guess4", "198.51.100.7")).isEqualTo(429);
        assertThat(status("GET", "/g/mine", "198.51.100.8")).isEqualTo(200);
    }

    @Test
    void aPostLargerThanAnyFormIsRefusedUnread() throws Exception {
        assertThat(status("POST", "/guest/intake", "198.51.100.10", new byte[300 * 1024])).isEqualTo(413);
    }

    @Test
    void postsHaveTheirOwnLimitAndReadingIsFree() throws Exception {
        assertThat(status("POST", "/guest/intake", "198.51.100.9")).isEqualTo(200);
        assertThat(status("POST", "/request", "198.51.100.9")).isEqualTo(200);
        assertThat(status("POST", "/guest/intake", "198.51.100.9")).isEqualTo(429);
        for (int i = 0; i < 10; i++) {
            assertThat(status("GET", "/guest/intake", "198.51.100.9")).isEqualTo(200);
        }
    }
}
