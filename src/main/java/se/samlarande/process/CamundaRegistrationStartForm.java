package se.samlarande.process;

import java.util.Map;

import org.camunda.bpm.engine.FormService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.springframework.stereotype.Component;

import se.samlarande.partner.RegistrationStartForm;
import se.samlarande.visit.InvalidVisitException;

/**
 * The app's registration page submits the start form of the latest {@code visit} process through {@code FormService},
 * signed in as the coordinator, so the engine checks the coordinator's authorizations, the initiator becomes
 * {@code registeredBy} and {@code Task_RegisterVisit} runs in that same call, as from Tasklist.
 */
@Component
class CamundaRegistrationStartForm implements RegistrationStartForm {

    private final FormService forms;
    private final RepositoryService repository;
    private final IdentityService identity;

    CamundaRegistrationStartForm(FormService forms, RepositoryService repository, IdentityService identity) {
        this.forms = forms;
        this.repository = repository;
        this.identity = identity;
    }

    @Override
    public String submit(Map<String, Object> variables, String user) {
        String definitionId = repository.createProcessDefinitionQuery().processDefinitionKey(VisitProcess.KEY)
                .latestVersion().singleResult().getId();
        identity.setAuthentication(user, identity.createGroupQuery().groupMember(user).list().stream()
                .map(Group::getId).toList());
        try {
            ProcessInstance instance = forms.submitStartForm(definitionId, variables);
            return instance.getBusinessKey();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof InvalidVisitException invalid) {
                    throw invalid;
                }
            }
            throw e;
        } finally {
            identity.clearAuthentication();
        }
    }
}
