package se.samlarande.staff;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestBuilders.formLogin;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.user;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.authenticated;
import static org.springframework.security.test.web.servlet.response.SecurityMockMvcResultMatchers.unauthenticated;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrlPattern;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.RequestPostProcessor;

import se.samlarande.process.VisitProcess;
import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;

/** The staff visit pages over HTTP: who gets in, what they see, and what a bad submission gives back. */
@SamlarandeTest
class StaffPagesTest extends VisitScenario {

    private static final RequestPostProcessor COORDINATOR = user("kim").authorities(() -> "coordinators");
    private static final RequestPostProcessor HOST = user("hanna").authorities(() -> "hosts");
    private static final RequestPostProcessor PROCESS_OWNER = user("per").authorities(() -> "process-owners");

    @Autowired MockMvc mvc;
    @Autowired se.samlarande.notification.Outbox outbox;

    private ProcessInstance visit;
    private String reference;

    @BeforeEach
    void aRegisteredVisit() {
        visit = registerVisit();
        runDueJobs(visit);
        reference = visitOf(visit).reference();
    }

    @Test
    void staffSignInWithTheirCamundaAccountAndAnonymousVisitorsAreSentToSignIn() throws Exception {
        mvc.perform(get("/app/visits")).andExpect(status().is3xxRedirection())
                .andExpect(redirectedUrlPattern("**/login"));
        mvc.perform(formLogin("/login").user("kim").password("kim")).andExpect(authenticated().withUsername("kim"))
                .andExpect(redirectedUrl("/app/visits"));
        mvc.perform(formLogin("/login").user("nosuchuser").password("kim")).andExpect(unauthenticated());
        mvc.perform(get("/app/visits").with(user("guest").authorities(() -> "nogroup"))).andExpect(status().isForbidden());
    }

    @Test
    void everyStaffGroupSeesTheVisitAndItsInvitation() throws Exception {
        for (RequestPostProcessor staff : new RequestPostProcessor[] {COORDINATOR, HOST, PROCESS_OWNER}) {
            mvc.perform(get("/app/visits").with(staff)).andExpect(status().isOk())
                    .andExpect(content().string(containsString(reference)));
            mvc.perform(get("/app/visits/" + reference).with(staff)).andExpect(status().isOk())
                    .andExpect(content().string(containsString(guestEmail)))
                    .andExpect(header().string("Content-Security-Policy", containsString("default-src 'self'")));
        }
        mvc.perform(get("/app/outbox").with(PROCESS_OWNER)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Invitation to a co-learning visit")));
        mvc.perform(get("/app/visits/SL-1999-9999").with(COORDINATOR)).andExpect(status().isNotFound());
        long invitation = outbox.recent(visitOf(visit).id(), 10).get(0).id();
        mvc.perform(get("/app/outbox/" + invitation).with(COORDINATOR)).andExpect(status().isOk())
                .andExpect(content().string(containsString("Öppna gästens sida (" + guestEmail + ")")))
                .andExpect(content().string(containsString("/app/outbox/" + invitation + "/guest-link")))
                .andExpect(content().string(containsString("[personlig länk]")))
                .andExpect(content().string(not(containsString("/g/"))))
                .andExpect(content().string(not(containsString("{{guest-link"))));
    }

    @Test
    void aHalfFilledIntakeIsRefusedWithMessagesAndKeepsWhatWasTyped() throws Exception {
        long guest = contactGuestId(visit);
        mvc.perform(post("/app/visits/" + reference + "/intake").with(COORDINATOR).with(csrf())
                        .param("participantId", String.valueOf(guest)).param("goalsAndPurpose", "")
                        .param("improvementWork", "Vårt arbete med fallprevention"))
                .andExpect(status().isOk())
                .andExpect(content().string(containsString("Mål och syfte med besöket måste fyllas i.")))
                .andExpect(content().string(containsString("Vårt arbete med fallprevention")));
        assertThat(visit).isWaitingAt(VisitProcess.Element.RECEIVE_AWAIT_INTAKE);

        mvc.perform(post("/app/visits/" + reference + "/intake").with(COORDINATOR).with(csrf())
                        .param("participantId", String.valueOf(guest)).param("goalsAndPurpose", "x".repeat(4001))
                        .param("improvementWork", "Arbete"))
                .andExpect(content().string(containsString("högst 4000 tecken")));
    }

    @Test
    void anIntakeReceivedByPhoneIsRecordedOnceAndMovesTheVisitOn() throws Exception {
        long guest = contactGuestId(visit);
        mvc.perform(post("/app/visits/" + reference + "/intake").with(COORDINATOR).with(csrf())
                        .param("participantId", String.valueOf(guest)).param("goalsAndPurpose", "Se videotriage")
                        .param("improvementWork", "Fallprevention"))
                .andExpect(status().is3xxRedirection()).andExpect(redirectedUrl("/app/visits/" + reference));
        assertThat(visit).isWaitingAt(VisitProcess.Element.TASK_REVIEW_INTAKE);

        mvc.perform(post("/app/visits/" + reference + "/intake").with(COORDINATOR).with(csrf())
                        .param("participantId", String.valueOf(guest)).param("goalsAndPurpose", "Annat")
                        .param("improvementWork", "Annat"))
                .andExpect(status().is3xxRedirection());
        assertThat(answers.intakes(visitOf(visit).id())).singleElement()
                .satisfies(i -> assertThat(i.goalsAndPurpose()).isEqualTo("Se videotriage"));
        mvc.perform(get("/app/visits/" + reference).with(HOST))
                .andExpect(content().string(containsString("registrerat av kim")));
    }

    @Test
    void onlyCoordinatorsActOnAVisitAndACancellationNeedsAReason() throws Exception {
        mvc.perform(post("/app/visits/" + reference + "/cancel").with(HOST).with(csrf()).param("reason", "x"))
                .andExpect(status().isForbidden());
        mvc.perform(post("/app/visits/" + reference + "/cancel").with(COORDINATOR).param("reason", "x"))
                .andExpect(status().isForbidden()); // no CSRF token
        mvc.perform(post("/app/visits/" + reference + "/cancel").with(COORDINATOR).with(csrf()).param("reason", " "))
                .andExpect(status().isOk()).andExpect(content().string(containsString("Ange varför besöket ställs in")));
        assertThat(visit).isNotEnded();

        mvc.perform(post("/app/visits/" + reference + "/reschedule").with(COORDINATOR).with(csrf())
                        .param("dateFrom", "2027-02-10").param("dateTo", "2027-02-01"))
                .andExpect(status().isOk()).andExpect(content().string(containsString("kan inte vara före")))
                .andExpect(content().string(containsString("2027-02-10")));

        mvc.perform(post("/app/visits/" + reference + "/cancel").with(COORDINATOR).with(csrf())
                        .param("reason", "Värdenheten har stängt"))
                .andExpect(status().is3xxRedirection());
        runDueJobs(visit);
        assertThat(visit).isEnded();
        mvc.perform(get("/app/visits/" + reference).with(COORDINATOR))
                .andExpect(content().string(containsString("Inställt")))
                .andExpect(content().string(not(containsString("Ställ in besöket</button>"))));
    }
}
