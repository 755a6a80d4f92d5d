package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

import se.samlarande.notification.MailKind;
import se.samlarande.notification.VisitMailer;

/**
 * Every "Send …" task: sends the email named by the task's input {@code mailKind}. The tasks are
 * asynchronous, so a mail server that is down makes a retried job and then an incident, never a lost visit.
 * The round is the id of the execution carrying the send: stable across retries of its job, new for each
 * reminder, so a retry sends nothing twice and each reminder goes out once.
 */
@Component
class SendVisitEmailDelegate implements JavaDelegate {

    private final VisitMailer mailer;

    SendVisitEmailDelegate(VisitMailer mailer) {
        this.mailer = mailer;
    }

    @Override
    public void execute(DelegateExecution execution) {
        MailKind kind = MailKind.valueOf(MAIL_KIND.require(execution));
        mailer.send(VISIT_ID.require(execution), kind, execution.getId(), GUEST_ID.get(execution));
    }
}
