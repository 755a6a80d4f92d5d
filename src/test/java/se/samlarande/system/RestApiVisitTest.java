package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.client.TestRestTemplate;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;

import se.samlarande.support.FormViews;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/**
 * The whole application on a random port, one visit driven through the REST API the way Tasklist and an
 * operator would: each person signed in as themselves, with the engine's authorizations in force.
 */
@SamlarandeTest
class RestApiVisitTest extends VisitScenario {

    private static final ParameterizedTypeReference<List<Map<String, Object>>> LIST = new ParameterizedTypeReference<>() {
    };

    @Autowired TestRestTemplate http;

    @Test
    void theRestApiRequiresSignIn() {
        assertThat(http.getForEntity("/engine-rest/process-instance", String.class).getStatusCode())
                .isEqualTo(HttpStatus.UNAUTHORIZED);
        // a user of its own: failed sign-ins lock a Camunda user for a while
        if (identity.createUserQuery().userId("wrongpassword").count() == 0) {
            var user = identity.newUser("wrongpassword");
            user.setPassword("right");
            identity.saveUser(user);
        }
        assertThat(http.withBasicAuth("wrongpassword", "wrong").getForEntity("/engine-rest/task", String.class)
                .getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
    }

    @Test
    void aVisitRunsThroughTheRestApi() {
        TestRestTemplate kim = http.withBasicAuth("kim", "kim");
        TestRestTemplate hanna = http.withBasicAuth("hanna", "hanna");
        TestRestTemplate operator = http.withBasicAuth("demo", "demo");

        // a host may not register visits; a coordinator registers one through the start form
        Map<String, Object> registration = Map.of("variables", Map.of(
                "hostUnit", value("Akutmottagningen Värnamo"), "topic", value("Flöden på akuten"),
                "dateFrom", value("2027-03-01"), "dateTo", value("2027-03-02"),
                "guestOrganisation", value("Region Kronoberg"), "partnerLevel", value("REGIONAL"),
                "contactName", value("Sara Lind"), "contactEmail", value(guestEmail), "contactLanguage", value("SV")));
        assertThat(hanna.postForEntity("/engine-rest/process-definition/key/visit/submit-form", registration, Map.class)
                .getStatusCode()).isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<Map> started = kim.postForEntity("/engine-rest/process-definition/key/visit/submit-form",
                registration, Map.class);
        assertThat(started.getStatusCode()).isEqualTo(HttpStatus.OK);
        String instanceId = (String) started.getBody().get("id");
        String reference = (String) started.getBody().get("businessKey");
        assertThat(reference).startsWith("SL-2027-");

        // the operator runs the invitation job; the guest receives it over SMTP
        runJobs(operator, instanceId);
        assertThat(subjectsTo(guestEmail)).containsExactly("Inbjudan till samlärandebesök: Flöden på akuten");

        // the intake arrives as the message the guest side will send
        assertThat(operator.postForEntity("/engine-rest/message", Map.of("messageName", "IntakeSubmitted",
                "businessKey", reference, "all", true), String.class).getStatusCode().is2xxSuccessful()).isTrue();
        runJobs(operator, instanceId); // the review task is created by a job after the message

        // the host finds the review task in Tasklist's way: the task, its Camunda Form, its variables, then submit
        Map<String, Object> review = singleTask(hanna, instanceId);
        assertThat(review.get("taskDefinitionKey")).isEqualTo("Task_ReviewIntake");
        String taskId = (String) review.get("id");
        Map<?, ?> form = hanna.getForObject("/engine-rest/task/" + taskId + "/deployed-form", Map.class);
        assertThat(form.get("id")).isEqualTo("review-intake");
        @SuppressWarnings("unchecked") Map<String, Object> formVariables = hanna.getForObject("/engine-rest/task/" + taskId + "/form-variables", Map.class);
        assertThat(formVariables).containsKeys("visitOverview", "answersOverview");
        assertThat(kim.postForEntity("/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("programme", value("Dag 1"))), String.class).getStatusCode())
                .as("a coordinator cannot complete the hosts' task").isEqualTo(HttpStatus.FORBIDDEN);
        ResponseEntity<String> emptyProgramme = hanna.postForEntity("/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("programme", value(" "))), String.class);
        assertThat(emptyProgramme.getStatusCode().is2xxSuccessful()).isFalse();
        assertThat(emptyProgramme.getBody()).contains("Programmet måste fyllas i");
        assertThat(hanna.postForEntity("/engine-rest/task/" + taskId + "/submit-form",
                Map.of("variables", Map.of("programme", value("Dag 1: triage\nDag 2: flöden"))), String.class)
                .getStatusCode()).isEqualTo(HttpStatus.NO_CONTENT);
        runJobs(operator, instanceId);
        assertThat(subjectsTo(guestEmail)).contains("Bekräftelse och program: Flöden på akuten");

        // the visit starts; the host reports; the guests' evaluation time runs out
        moveClockTo(at(LocalDate.of(2027, 3, 1), 8, 0));
        runJobs(operator, instanceId);
        submit(hanna, instanceId, "Task_HostVisit", Map.of("attendance", Map.of("value", 5, "type", "Long")));
        runJobs(operator, instanceId);
        submit(hanna, instanceId, "Task_EvaluateAsHost", Map.of("hostScore", value("5")));
        moveClockTo(at(LocalDate.of(2027, 3, 16), 17, 1));
        runJobs(operator, instanceId);

        // the summary meeting is scheduled, held, and the visit closes
        submit(kim, instanceId, "Task_ScheduleSummaryMeeting",
                Map.of("summaryMeetingTime", value("2027-04-01T13:00"), "summaryMeetingPlace", value("Rum 3")));
        runJobs(operator, instanceId);
        moveClockTo(at(LocalDate.of(2027, 4, 1), 13, 0));
        runJobs(operator, instanceId);
        submit(kim, instanceId, "Task_HoldSummaryMeeting", Map.of("purposeMet", value("PARTLY"),
                "learned", value("Triage i väntrummet"), "introduceInPractice", value("Sjuksköterska i entrén"),
                "publishOnBlog", Map.of("value", false, "type", "Boolean")));

        assertThat(visits.getByReference(reference).state().name()).isEqualTo("CLOSED");
        Map<?, ?> waiting = operator.getForObject("/engine-rest/history/process-instance/" + instanceId, Map.class);
        assertThat(waiting.get("state")).isEqualTo("ACTIVE");

        // three months later the host is asked, in Tasklist's way, whether the planned practice was introduced
        moveClockTo(at(LocalDate.of(2027, 7, 1), 8, 0));
        runJobs(operator, instanceId);
        Map<String, Object> followUp = singleTask(hanna, instanceId);
        assertThat(followUp.get("taskDefinitionKey")).isEqualTo("Task_FollowUpPractice");
        String followUpId = (String) followUp.get("id");
        assertThat(hanna.getForObject("/engine-rest/task/" + followUpId + "/deployed-form", Map.class).get("id"))
                .isEqualTo("practice-follow-up");
        @SuppressWarnings("unchecked") Map<String, Map<String, Object>> followUpVariables = hanna.getForObject(
                "/engine-rest/task/" + followUpId + "/form-variables", Map.class);
        assertThat(followUpVariables).containsKeys("visitOverview", "practiceOverview");
        assertThat(FormViews.shown(followUpVariables.get("practiceOverview").get("value"))).contains("Sjuksköterska i entrén");
        assertThat(kim.postForEntity("/engine-rest/task/" + followUpId + "/submit-form",
                Map.of("variables", Map.of("introduced", value("NO"))), String.class).getStatusCode())
                .as("a coordinator cannot answer for the host").isEqualTo(HttpStatus.FORBIDDEN);
        submit(hanna, instanceId, "Task_FollowUpPractice", Map.of("introduced", value("YES"),
                "whatWasIntroduced", value("Sjuksköterska i entrén dagtid"), "effect", value("Kortare väntan till triage")));

        // and the process ends
        Map<?, ?> history = operator.getForObject("/engine-rest/history/process-instance/" + instanceId, Map.class);
        assertThat(history.get("state")).isEqualTo("COMPLETED");
        assertThat(list(operator, "/engine-rest/history/activity-instance?processInstanceId=" + instanceId
                + "&activityId=EndEvent_VisitCompleted")).hasSize(1);
    }

    private static Map<String, Object> value(Object value) {
        return Map.of("value", value);
    }

    private Map<String, Object> singleTask(TestRestTemplate user, String instanceId) {
        List<Map<String, Object>> found = list(user, "/engine-rest/task?processInstanceId=" + instanceId);
        assertThat(found).hasSize(1);
        return found.get(0);
    }

    private void submit(TestRestTemplate user, String instanceId, String taskKey, Map<String, Object> variables) {
        List<Map<String, Object>> found = list(user, "/engine-rest/task?processInstanceId=" + instanceId
                + "&taskDefinitionKey=" + taskKey);
        assertThat(found).as("task %s", taskKey).hasSize(1);
        ResponseEntity<String> response = user.postForEntity("/engine-rest/task/" + found.get(0).get("id")
                + "/submit-form", Map.of("variables", variables), String.class);
        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
    }

    /** A query through REST; results are always paged (the engine refuses unbounded queries from users). */
    private static List<Map<String, Object>> list(TestRestTemplate user, String url) {
        String paged = url.contains("maxResults=") ? url : url + "&maxResults=100";
        ResponseEntity<List<Map<String, Object>>> response = user.exchange(paged, HttpMethod.GET, null, LIST);
        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.OK);
        return response.getBody();
    }

    /** Executes the instance's due jobs through {@code POST /job/{id}/execute}, earliest first. */
    private void runJobs(TestRestTemplate operator, String instanceId) {
        for (int i = 0; i < 50; i++) {
            List<Map<String, Object>> due = list(operator, "/engine-rest/job?processInstanceId=" + instanceId
                    + "&executable=true&sortBy=jobDueDate&sortOrder=asc&maxResults=1");
            if (due.isEmpty()) {
                return;
            }
            ResponseEntity<String> executed = operator.postForEntity("/engine-rest/job/" + due.get(0).get("id")
                    + "/execute", null, String.class);
            assertThat(executed.getStatusCode()).as(executed.getBody()).isEqualTo(HttpStatus.NO_CONTENT);
        }
        throw new AssertionError("Jobs keep coming due at " + ClockUtil.getCurrentTime());
    }
}
