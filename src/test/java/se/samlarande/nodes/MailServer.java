package se.samlarande.nodes;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import jakarta.mail.MessagingException;
import jakarta.mail.Multipart;
import jakarta.mail.Part;
import jakarta.mail.internet.MimeMessage;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

/**
 * The SMTP server the app nodes send to: GreenMail on a free port, reached through a relay that can answer
 * slowly. With a reply delay every SMTP reply (greeting, EHLO, MAIL, RCPT, DATA, the "250" after the message,
 * QUIT) waits that long, so a batch of sending jobs takes seconds and a node can be killed in the middle of it,
 * including the moment between GreenMail storing a message and the node hearing "250" (the outbox's named window).
 * <p>
 * Every email the app sends carries its outbox key in the header {@code X-Samlarande-Key}
 * ({@code reference:KIND:round:recipient}); counting by key tells exactly-once from twice.
 */
final class MailServer implements AutoCloseable {

    /** One email as GreenMail received it. */
    record Received(String key, String recipient, String kind, String subject, String text) {
    }

    private static final Pattern LINK = Pattern.compile("https?://[^/\\s]+(/g/[A-Za-z0-9_-]{43})");

    private final GreenMail greenMail;
    private final Relay relay;

    static {
        TestLogging.quiet("com.icegreen.greenmail");
        // A node killed in the middle of a message leaves GreenMail's connection thread with an unexpected end of
        // stream: expected here, so one line instead of a stack trace.
        Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
        Thread.setDefaultUncaughtExceptionHandler((thread, e) -> {
            if (thread.getName().startsWith("smtp:")) {
                System.out.println("GreenMail: connection " + thread.getName() + " ended mid-conversation (a killed node)");
            } else if (previous != null) {
                previous.uncaughtException(thread, e);
            } else {
                e.printStackTrace();
            }
        });
    }

    MailServer() {
        greenMail = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP).dynamicPort());
        greenMail.start();
        relay = new Relay(greenMail.getSmtp().getPort());
    }

    /** The port the nodes send to (the relay's). */
    int port() {
        return relay.port();
    }

    /** From now on every SMTP reply to the nodes waits this long; zero for full speed. */
    void replyDelay(Duration delay) {
        relay.delayMillis = delay.toMillis();
    }

    List<Received> received() {
        return Arrays.stream(greenMail.getReceivedMessages()).map(MailServer::read).toList();
    }

    /** How many times GreenMail received each outbox key. */
    Map<String, Long> countsByKey() {
        return received().stream().collect(Collectors.groupingBy(Received::key, Collectors.counting()));
    }

    /** Emails of one kind (e.g. {@code INTAKE_REMINDER}) to one address, duplicates included. */
    long count(String recipient, String kind) {
        return received().stream().filter(r -> r.recipient().equalsIgnoreCase(recipient) && r.kind().equals(kind)).count();
    }

    long count(String kind) {
        return received().stream().filter(r -> r.kind().equals(kind)).count();
    }

    /** Distinct outbox keys (sendings) of one kind to one address. */
    long sendings(String recipient, String kind) {
        return received().stream().filter(r -> r.recipient().equalsIgnoreCase(recipient) && r.kind().equals(kind))
                .map(Received::key).distinct().count();
    }

    /** The personal link path ({@code /g/<token>}) in the latest email of this kind to this address. */
    String linkPath(String recipient, String kind) {
        List<Received> found = received().stream()
                .filter(r -> r.recipient().equalsIgnoreCase(recipient) && r.kind().equals(kind)).toList();
        if (found.isEmpty()) {
            throw new AssertionError("No " + kind + " email to " + recipient);
        }
        Matcher m = LINK.matcher(found.get(found.size() - 1).text());
        if (!m.find()) {
            throw new AssertionError("No personal link in the " + kind + " email to " + recipient);
        }
        return m.group(1);
    }

    /** Every personal link path ({@code /g/<token>}) in the latest email of this kind to this address. */
    List<String> linkPaths(String recipient, String kind) {
        List<Received> found = received().stream()
                .filter(r -> r.recipient().equalsIgnoreCase(recipient) && r.kind().equals(kind)).toList();
        if (found.isEmpty()) {
            throw new AssertionError("No " + kind + " email to " + recipient);
        }
        List<String> paths = new java.util.ArrayList<>();
        Matcher m = LINK.matcher(found.get(found.size() - 1).text());
        while (m.find()) {
            paths.add(m.group(1));
        }
        return paths;
    }

    /** A summary for assertion messages: kind and recipient of every email, with counts. */
    String summary() {
        return received().stream().collect(Collectors.groupingBy(r -> r.kind() + " " + r.recipient(),
                java.util.TreeMap::new, Collectors.counting())).toString();
    }

    @Override
    public void close() {
        relay.close();
        greenMail.stop();
    }

    private static Received read(MimeMessage message) {
        try {
            String key = message.getHeader("X-Samlarande-Key", null);
            String recipient = message.getAllRecipients()[0].toString();
            String kind = key == null ? "?" : key.split(":")[1];
            return new Received(key == null ? "?" : key, recipient, kind, message.getSubject(), text(message));
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String text(Part part) {
        try {
            if (part.isMimeType("text/plain")) {
                return (String) part.getContent();
            }
            if (part.getContent() instanceof Multipart multipart) {
                for (int i = 0; i < multipart.getCount(); i++) {
                    String text = text(multipart.getBodyPart(i));
                    if (text != null) {
                        return text;
                    }
                }
            }
            return null;
        } catch (MessagingException | IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP relay to GreenMail; replies from GreenMail to the client wait {@link #delayMillis} each. */
    private static final class Relay implements AutoCloseable {

        private final ServerSocket server;
        private final int target;
        private final Set<Socket> open = ConcurrentHashMap.newKeySet();
        volatile long delayMillis;

        Relay(int target) {
            this.target = target;
            try {
                server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Thread accept = new Thread(this::accept, "smtp-relay");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    open.add(client);
                    open.add(upstream);
                    pump(client, upstream, () -> 0L);
                    pump(upstream, client, () -> delayMillis);
                } catch (IOException e) {
                    // closed
                }
            }
        }

        private void pump(Socket from, Socket to, LongSupplier delay) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[8192];
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    for (int n; (n = in.read(buffer)) >= 0; ) {
                        long wait = delay.getAsLong();
                        if (wait > 0) {
                            Thread.sleep(wait);
                        }
                        out.write(buffer, 0, n);
                        out.flush();
                    }
                } catch (IOException | InterruptedException e) {
                    // the other side went away (a killed node) or the relay closed
                } finally {
                    closeQuietly(from);
                    closeQuietly(to);
                }
            }, "smtp-relay-pump");
            thread.setDaemon(true);
            thread.start();
        }

        private void closeQuietly(Socket socket) {
            open.remove(socket);
            try {
                socket.close();
            } catch (IOException e) {
                // nothing to do
            }
        }

        @Override
        public void close() {
            try {
                server.close();
            } catch (IOException e) {
                // nothing to do
            }
            open.forEach(this::closeQuietly);
        }
    }
}
