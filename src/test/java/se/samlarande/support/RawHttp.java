package se.samlarande.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * HTTP over a plain socket: for what {@code HttpClient} will not send (malformed request lines) and for requests
 * from another loopback address (127.0.0.2, the test profile's trusted proxy).
 */
public final class RawHttp {

    /** The address the test profile trusts as a reverse proxy. */
    public static final String PROXY = "127.0.0.2";

    private RawHttp() {
    }

    /** Sends the request text as it is (lines end in CRLF) from the given local address; the whole answer. */
    public static String send(int port, String localAddress, String request) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(InetAddress.getByName(localAddress), 0));
            socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            InputStream in = socket.getInputStream();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A GET with {@code Connection: close} and the given extra header lines ("Name: value"). */
    public static String get(int port, String localAddress, String path, String... headers) {
        return send(port, localAddress, "GET " + path + " HTTP/1.1\r\nHost: localhost\r\n"
                + String.join("", java.util.Arrays.stream(headers).map(h -> h + "\r\n").toList())
                + "Connection: close\r\n\r\n");
    }

    /** The status code of an answer. */
    public static int status(String response) {
        return Integer.parseInt(response.substring(9, 12));
    }

    /** The header block of an answer, lower-cased names and values as sent. */
    public static String headers(String response) {
        int end = response.indexOf("\r\n\r\n");
        return end < 0 ? response : response.substring(0, end);
    }
}
