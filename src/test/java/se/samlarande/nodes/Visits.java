package se.samlarande.nodes;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What the integration tests do with visits, over the nodes' REST API as staff do, and what they read back from
 * the shared database with SQL.
 */
final class Visits {

    /** A visit started through the start form: its process instance, its reference (business key), its guest. */
    record Visit(String processInstanceId, String reference, String guest) {
    }

    /** A job of a process instance as the database holds it. */
    record Job(String id, String activityId, String type, Instant due, String lockOwner) {
    }

    static final String VALID_INTAKE = """
            {"values": {"goalsAndPurpose": "Learn how you triage by video", "improvementWork": "Falls prevention at home",
                        "confidentialityAccepted": true}}""";

    private Visits() {
    }

    /** A coordinator registers a visit through the start form, as Tasklist submits it. */
    static Visit register(AppNode node, AppNode.User coordinator, String topic, LocalDate from, LocalDate to,
            String guestEmail) {
        Map<String, Object> form = Map.of("variables", Map.of(
                "hostUnit", value("Vårdcentralen Ryhov"), "topic", value(topic),
                "dateFrom", value(from.toString()), "dateTo", value(to.toString()),
                "guestOrganisation", value("NHS Lothian"), "partnerLevel", value("INTERNATIONAL"),
                "contactName", value("Fiona Grant"), "contactEmail", value(guestEmail), "contactLanguage", value("EN")));
        AppNode.Response started = node.post(coordinator, "/engine-rest/process-definition/key/visit/submit-form", form);
        assertThat(started.status()).as("registration on %s: %s", node, started.body()).isEqualTo(200);
        JsonNode body = started.json();
        return new Visit(body.get("id").asText(), body.get("businessKey").asText(), guestEmail);
    }

    /**
     * The guest's intake through the personal link of their invitation, on the given node, bringing a co-traveller,
     * who is then invited by the process.
     */
    static void intakeBringing(AppNode node, MailServer mail, String guest, String coTraveller) {
        GuestBrowser contact = new GuestBrowser(node);
        assertThat(contact.open(mail.linkPath(guest, "INVITATION"), "intake")).isEqualTo(200);
        assertThat(contact.postJson("/guest/intake", """
                {"values": {"goalsAndPurpose": "Goals", "improvementWork": "Work", "confidentialityAccepted": true,
                            "coTravellers": [{"name": "Ola Berg", "email": "%s", "language": "SV"}]}}"""
                .formatted(coTraveller)).statusCode()).isEqualTo(200);
        org.awaitility.Awaitility.await("the co-traveller's invitation").atMost(java.time.Duration.ofSeconds(30))
                .until(() -> mail.count(coTraveller, "INVITATION") == 1);
    }

    static Map<String, Object> value(Object value) {
        return Map.of("value", value);
    }

    /**
     * Where the process instance is: the ids of its leaf activity instances and of its transition instances
     * (an asynchronous continuation waiting for its job), sorted. Empty when the instance has ended.
     */
    static List<String> activities(AppNode node, String processInstanceId) {
        AppNode.Response response = node.get(AppNode.ADMIN, "/engine-rest/process-instance/" + processInstanceId
                + "/activity-instances");
        if (response.status() == 404) {
            return List.of();
        }
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        List<String> found = new ArrayList<>();
        collect(response.json(), found, true);
        return found.stream().sorted().toList();
    }

    private static void collect(JsonNode instance, List<String> found, boolean root) {
        JsonNode children = instance.get("childActivityInstances");
        JsonNode transitions = instance.get("childTransitionInstances");
        boolean leaf = (children == null || children.isEmpty()) && (transitions == null || transitions.isEmpty());
        if (leaf && !root) {
            found.add(instance.get("activityId").asText());
        }
        if (children != null) {
            children.forEach(child -> collect(child, found, false));
        }
        if (transitions != null) {
            transitions.forEach(t -> found.add(t.get("activityId").asText()));
        }
    }

    /** The open tasks of an instance with this definition key, as one user sees them. */
    static List<JsonNode> tasks(AppNode node, AppNode.User user, String processInstanceId, String taskKey) {
        JsonNode found = node.json(user, "/engine-rest/task?processInstanceId=" + processInstanceId
                + "&taskDefinitionKey=" + taskKey + "&maxResults=10");
        List<JsonNode> list = new ArrayList<>();
        found.forEach(list::add);
        return list;
    }

    /** Every job of the instance, with the activity it belongs to, as stored. */
    static List<Job> jobs(ClusterDatabase db, String processInstanceId) {
        return db.rows("""
                SELECT j.id_, d.act_id_, j.type_, j.duedate_, j.lock_owner_ FROM act_ru_job j
                JOIN act_ru_jobdef d ON d.id_ = j.job_def_id_
                WHERE j.process_instance_id_ = ? ORDER BY d.act_id_, j.id_""", processInstanceId).stream()
                .map(r -> new Job((String) r.get("id_"), (String) r.get("act_id_"), (String) r.get("type_"),
                        ClusterDatabase.instant(r.get("duedate_")), (String) r.get("lock_owner_")))
                .toList();
    }

    /** How many times the activity was completed in the instance (history). */
    static long completed(ClusterDatabase db, String processInstanceId, String activityId) {
        return db.count("SELECT COUNT(*) FROM act_hi_actinst WHERE proc_inst_id_ = ? AND act_id_ = ? AND end_time_ IS NOT NULL",
                processInstanceId, activityId);
    }

    static long incidents(ClusterDatabase db) {
        return db.count("SELECT COUNT(*) FROM act_ru_incident");
    }
}
