package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;

import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RuntimeService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import se.samlarande.support.SamlarandeTest;
import se.samlarande.visit.InvalidVisitException;

/**
 * A refused registration, over the REST API as Tasklist submits it and through the engine's Java API, is logged in one
 * line at INFO, with the loggers at the levels a production start has (the engine's context and REST loggers at INFO;
 * the test profile silences them otherwise).
 */
@SamlarandeTest
@ExtendWith(OutputCaptureExtension.class)
class RefusedInputLoggingTest {

    private static final String[] LOGGERS = {"org.camunda.bpm.engine.context", "org.camunda.bpm.engine.rest.exception",
            "se.samlarande.system"};

    @Autowired TestRestTemplate http;
    @Autowired RuntimeService runtime;
    @Autowired IdentityService identity;
    @Autowired LoggingSystem logging;

    @BeforeEach
    void productionLevels() {
        for (String logger : LOGGERS) {
            logging.setLogLevel(logger, LogLevel.INFO);
        }
    }

    @AfterEach
    void testLevels() {
        logging.setLogLevel(LOGGERS[0], LogLevel.OFF);
        logging.setLogLevel(LOGGERS[1], LogLevel.OFF);
        logging.setLogLevel(LOGGERS[2], null);
    }

    @Test
    void aRefusedRegistrationOverTheRestApiIsA400AndOneInfoLine(CapturedOutput output) {
        Map<String, Object> variables = new HashMap<>();
        registration().forEach((key, value) -> variables.put(key, Map.of("value", value)));

        ResponseEntity<Map> refused = http.withBasicAuth("kim", "kim").postForEntity(
                "/engine-rest/process-definition/key/visit/submit-form", Map.of("variables", variables), Map.class);

        assertThat(refused.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(refused.getBody().get("message")).asString().contains("har redan passerat");
        assertOneInfoLine(output);
    }

    @Test
    void aRefusedRegistrationThroughTheEngineIsOneInfoLine(CapturedOutput output) {
        identity.setAuthentication("kim", java.util.List.of("coordinators"));
        try {
            assertThatThrownBy(() -> runtime.startProcessInstanceByKey("visit", registration()))
                    .isInstanceOf(InvalidVisitException.class);
        } finally {
            identity.clearAuthentication();
        }
        assertOneInfoLine(output);
    }

    private static void assertOneInfoLine(CapturedOutput output) {
        assertThat(output.getOut().lines().filter(line -> line.contains("Refused")).toList()).hasSize(1)
                .allSatisfy(line -> assertThat(line).contains("INFO").contains("har redan passerat"));
        assertThat(output.getAll()).doesNotContain("ERROR").doesNotContain("Exception while closing command context")
                .doesNotContain("\tat se.samlarande").doesNotContain("ENGINE-REST");
    }

    private static Map<String, Object> registration() {
        Map<String, Object> form = new HashMap<>();
        form.put("hostUnit", "Vårdcentralen Ryhov");
        form.put("topic", "Triage");
        form.put("dateFrom", "1999-03-01");
        form.put("dateTo", "1999-03-02");
        form.put("guestOrganisation", "NHS Lothian");
        form.put("partnerLevel", "INTERNATIONAL");
        form.put("contactName", "Fiona Grant");
        form.put("contactEmail", "fiona@partner.example.org");
        form.put("contactLanguage", "EN");
        return form;
    }
}
