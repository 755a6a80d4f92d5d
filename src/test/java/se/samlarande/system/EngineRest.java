package se.samlarande.system;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Requests to {@code /engine-rest} that only an admin may make: a deployment and a Tasklist filter. */
final class EngineRest {

    /** The name of what such a request creates, so a test can remove it again. */
    static final String NAME = "hardening-check";

    private static final String BOUNDARY = "----samlarande-hardening";
    private static final String BPMN = """
            <?xml version="1.0" encoding="UTF-8"?>
            <bpmn:definitions xmlns:bpmn="http://www.omg.org/spec/BPMN/20100524/MODEL"
                xmlns:camunda="http://camunda.org/schema/1.0/bpmn" id="Definitions_HardeningCheck"
                targetNamespace="http://samlarande.se/test">
              <bpmn:process id="hardeningCheck" name="Hardening check" isExecutable="true" camunda:historyTimeToLive="P1D">
                <bpmn:startEvent id="StartEvent_Checked" name="Checked" />
              </bpmn:process>
            </bpmn:definitions>
            """;

    private EngineRest() {
    }

    static final String DEPLOYMENT_TYPE = "multipart/form-data; boundary=" + BOUNDARY;

    static HttpRequest.Builder deployment(int port, String user) {
        return withUser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/deployment/create"))
                .header("Content-Type", DEPLOYMENT_TYPE)
                .POST(HttpRequest.BodyPublishers.ofString(deploymentBody(), StandardCharsets.UTF_8)), user);
    }

    static String deploymentBody() {
        return "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"deployment-name\"\r\n\r\n" + NAME + "\r\n"
                + "--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"hardening-check.bpmn\"; filename=\"hardening-check.bpmn\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n" + BPMN + "\r\n--" + BOUNDARY + "--\r\n";
    }

    static HttpRequest.Builder filter(int port, String user) {
        return withUser(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/engine-rest/filter/create"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(filterBody(user), StandardCharsets.UTF_8)), user);
    }

    static String filterBody(String owner) {
        return "{\"resourceType\": \"Task\", \"name\": \"" + NAME + "\", \"owner\": \"" + (owner == null ? "nobody" : owner)
                + "\", \"query\": {\"assignee\": \"kim\"}, \"properties\": {}}";
    }

    /** The HTTP Basic header's value for a demo user (password as the user id). */
    static String basic(String user) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8));
    }

    /** HTTP Basic with the demo password (the user id); none for {@code null}. */
    static HttpRequest.Builder withUser(HttpRequest.Builder request, String user) {
        return user == null ? request : request.header("Authorization", "Basic "
                + Base64.getEncoder().encodeToString((user + ":" + user).getBytes(StandardCharsets.UTF_8)));
    }
}
