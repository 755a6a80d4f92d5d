package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.model.bpmn.instance.ExtensionElements;
import org.camunda.bpm.model.bpmn.instance.FlowElement;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperties;
import org.camunda.bpm.model.bpmn.instance.camunda.CamundaProperty;
import org.springframework.stereotype.Component;

import se.samlarande.notification.MailKind;
import se.samlarande.notification.RequestMailer;
import se.samlarande.notification.VisitMailer;

/**
 * Every "Send …" task: sends the email named by the task's extension property {@code mailKind}. The tasks are
 * asynchronous, so a mail server that is down makes a retried job and then an incident, never a lost visit.
 * <p>
 * The round is the id of the execution that carries the job: the same for every retry of that job, new for each
 * reminder, so a retry sends nothing twice and each reminder goes out once. (The kind is a property, not an
 * input parameter, because an input mapping would make the task a scope with a new execution on every try.)
 */
@Component
class SendVisitEmailDelegate implements JavaDelegate {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(SendVisitEmailDelegate.class);

    static final String MAIL_KIND_PROPERTY = "mailKind";

    private final VisitMailer mailer;
    private final RequestMailer requestMailer;

    SendVisitEmailDelegate(VisitMailer mailer, RequestMailer requestMailer) {
        this.mailer = mailer;
        this.requestMailer = requestMailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailKind kind = MailKind.valueOf(mailKind(execution.getBpmnModelElementInstance()));
        if (kind == MailKind.INVITATION && RegisterVisitDelegate.alreadyHeld(execution)) {
            log.info("No invitation sent: the visit was registered as already held");
            return;
        }
        if (kind.isAboutRequest()) {
            requestMailer.send(REQUEST_ID.require(execution), kind, execution.getId());
        } else {
            mailer.send(VISIT_ID.require(execution), kind, execution.getId(), GUEST_ID.get(execution));
        }
    }

    private static String mailKind(FlowElement task) {
        ExtensionElements extensions = task.getExtensionElements();
        if (extensions != null) {
            for (CamundaProperties properties : extensions.getChildElementsByType(CamundaProperties.class)) {
                for (CamundaProperty property : properties.getCamundaProperties()) {
                    if (MAIL_KIND_PROPERTY.equals(property.getCamundaName())) {
                        return property.getCamundaValue();
                    }
                }
            }
        }
        throw new IllegalStateException("Task " + task.getId() + " names no " + MAIL_KIND_PROPERTY + " property");
    }
}
