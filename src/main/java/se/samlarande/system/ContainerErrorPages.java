package se.samlarande.system;

import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;

import org.apache.catalina.Lifecycle;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The answers Tomcat writes itself, before any filter of the app runs (a request line it cannot read, such as
 * {@code GET /%%}): the same security headers as every other answer ({@code SecurityConfiguration.everythingElse}) and
 * a short page in Swedish and English that names neither the server nor the cause. Tomcat's own error report valve on
 * the host is replaced by {@link AppErrorReportValve}.
 */
@Configuration(proxyBeanMethods = false)
class ContainerErrorPages {

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> containerErrorPage() {
        return factory -> factory.addContextCustomizers(context -> context.addLifecycleListener(event -> {
            // The host has started (and added Tomcat's valve) before its context starts.
            if (Lifecycle.BEFORE_START_EVENT.equals(event.getType()) && context.getParent() instanceof StandardHost host) {
                replaceErrorReportValve(host);
            }
        }));
    }

    private static void replaceErrorReportValve(StandardHost host) {
        host.setErrorReportValveClass(AppErrorReportValve.class.getName());
        for (org.apache.catalina.Valve valve : host.getPipeline().getValves()) {
            if (valve instanceof ErrorReportValve && !(valve instanceof AppErrorReportValve)) {
                host.getPipeline().removeValve(valve);
            }
        }
        if (java.util.Arrays.stream(host.getPipeline().getValves()).noneMatch(AppErrorReportValve.class::isInstance)) {
            host.getPipeline().addValve(new AppErrorReportValve());
        }
    }

    /** Tomcat's error report, with the app's headers and without server details. */
    static final class AppErrorReportValve extends ErrorReportValve {

        AppErrorReportValve() {
            setShowReport(false);
            setShowServerInfo(false);
        }

        @Override
        protected void report(Request request, Response response, Throwable throwable) {
            int status = response.getStatus();
            if (status < 400 || response.getContentWritten() > 0 || !response.setErrorReported()) {
                return;
            }
            AtomicBoolean ioAllowed = new AtomicBoolean(false);
            response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
            if (!ioAllowed.get()) {
                return;
            }
            response.setHeader("Content-Security-Policy", SecurityConfiguration.NOTHING_CSP);
            response.setHeader("X-Content-Type-Options", "nosniff");
            response.setHeader("X-Frame-Options", "DENY");
            response.setHeader("Referrer-Policy", "no-referrer");
            response.setHeader("Cache-Control", "no-store");
            try {
                response.setContentType("text/html");
                response.setCharacterEncoding("utf-8");
                Writer writer = response.getReporter();
                if (writer != null) {
                    writer.write(page(status));
                    response.finishResponse();
                }
            } catch (IOException | IllegalStateException e) {
                // The client has gone; nothing more to say.
            }
        }

        static String page(int status) {
            String swedish = status < 500 ? "Begäran kunde inte tas emot." : "Något gick fel på servern.";
            String english = status < 500 ? "The request could not be accepted." : "Something went wrong on the server.";
            return "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Fel " + status + " – Samlärande</title>"
                    + "</head><body><h1>Fel " + status + "</h1><p>" + swedish + " Kontrollera adressen och försök igen.</p>"
                    + "<p lang=\"en\">Error " + status + ". " + english + " Check the address and try again.</p></body></html>";
        }
    }
}
