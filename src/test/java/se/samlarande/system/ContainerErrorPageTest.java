package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

import se.samlarande.support.RawHttp;
import se.samlarande.support.SamlarandeTest;

/**
 * Requests Tomcat refuses before any filter of the app runs (HttpClient will not send them, so a raw socket does): the
 * answer carries the same security headers as every other, and a short bilingual page without server details.
 */
@SamlarandeTest
class ContainerErrorPageTest {

    @LocalServerPort int port;

    @ParameterizedTest
    @ValueSource(strings = {"GET /%% HTTP/1.1", "GET /?a=< HTTP/1.1", "GET /app/{x} HTTP/1.1"})
    void theContainersOwnErrorPageCarriesTheSecurityHeaders(String requestLine) {
        String answer = RawHttp.send(port, "127.0.0.1", requestLine + "\r\nHost: localhost\r\nConnection: close\r\n\r\n");

        assertThat(RawHttp.status(answer)).isEqualTo(400);
        String headers = RawHttp.headers(answer);
        assertThat(headers).containsPattern("(?im)^Content-Security-Policy: default-src 'none';.*frame-ancestors 'none'")
                .containsPattern("(?im)^X-Content-Type-Options: nosniff")
                .containsPattern("(?im)^X-Frame-Options: DENY")
                .containsPattern("(?im)^Referrer-Policy: no-referrer");
        String body = answer.substring(answer.indexOf("\r\n\r\n"));
        assertThat(body).contains("Fel 400", "Error 400", "lang=\"en\"")
                .doesNotContainIgnoringCase("tomcat").doesNotContain("Invalid character");
    }
}
