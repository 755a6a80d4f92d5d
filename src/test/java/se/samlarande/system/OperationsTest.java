package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.boot.web.embedded.tomcat.TomcatWebServer;
import org.springframework.boot.web.servlet.context.ServletWebServerApplicationContext;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import se.samlarande.process.VisitProcess;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/** What an operator and a process owner see: health and probes, the figures they watch, and logs naming the visit. */
@SamlarandeTest
@ExtendWith(OutputCaptureExtension.class)
class OperationsTest extends VisitScenario {

    @Autowired TestRestTemplate http;
    @Autowired ServletWebServerApplicationContext web;

    @Test
    void theWebServerWorksOnEightRequestsAtOnceByDefault() {
        // SAMLARANDE_WEB_THREADS: requests are CPU work, more at once than the cores run only slows each one down
        var executor = ((TomcatWebServer) web.getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();
        assertThat(executor).isInstanceOfSatisfying(org.apache.tomcat.util.threads.ThreadPoolExecutor.class, pool -> {
            assertThat(pool.getMaximumPoolSize()).isEqualTo(8);
            assertThat(pool.getCorePoolSize()).isEqualTo(8);
        });
    }

    @Test
    void probesAreOpenAndHealthDetailsAreForProcessOwners() {
        ResponseEntity<Map> liveness = http.getForEntity("/actuator/health/liveness", Map.class);
        assertThat(liveness.getStatusCode()).isEqualTo(HttpStatus.OK);
        assertThat(liveness.getBody()).containsEntry("status", "UP");

        assertThat(http.getForObject("/actuator/health", String.class)).doesNotContain("components");
        String details = http.withBasicAuth("per", "per").getForObject("/actuator/health", String.class);
        // (the job executor's own health shows where it runs; the suite runs jobs itself)
        assertThat(details).contains("\"db\"", "\"mail\"", "\"processEngine\"");
    }

    @Test
    void theFiguresAnOperatorWatchesAreMetricsForProcessOwnersOnly() {
        registerVisit();

        assertThat(http.getForEntity("/actuator/metrics/samlarande.visits", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(http.withBasicAuth("hanna", "hanna").getForEntity("/actuator/metrics/samlarande.visits", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        TestRestTemplate per = http.withBasicAuth("per", "per");
        Map<?, ?> invited = per.getForObject("/actuator/metrics/samlarande.visits?tag=state:INVITED", Map.class);
        assertThat(((Number) ((Map<?, ?>) ((java.util.List<?>) invited.get("measurements")).get(0)).get("value")).doubleValue())
                .isGreaterThanOrEqualTo(1);
        for (String metric : new String[] {"samlarande.emails", "samlarande.incidents.open", "samlarande.jobs.due"}) {
            assertThat(per.getForEntity("/actuator/metrics/" + metric, String.class).getStatusCode()).as(metric)
                    .isEqualTo(HttpStatus.OK);
        }
        // every request is timed as a whole; Spring Security's own observations (of its filters,
        // authentications and authorizations) are off: their cost on every page
        assertThat(per.getForEntity("/actuator/metrics/http.server.requests", String.class).getStatusCode())
                .isEqualTo(HttpStatus.OK);
        assertThat(per.getForEntity("/actuator/metrics/spring.security.authorizations", String.class).getStatusCode())
                .isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void aFailureIsLoggedWithTheVisitItConcerns(CapturedOutput output) {
        smtp.stop();
        ProcessInstance visit = registerVisit();
        String reference = visitOf(visit).reference();
        String job = management.createJobQuery().processInstanceId(visit.getId())
                .activityId(VisitProcess.Element.TASK_SEND_INVITATIONS).singleResult().getId();

        assertThatThrownBy(() -> management.executeJob(job)).isNotNull();

        assertThat(output.getAll()).containsPattern("WARN \\[" + reference + "\\].*could not be sent");
    }
}
