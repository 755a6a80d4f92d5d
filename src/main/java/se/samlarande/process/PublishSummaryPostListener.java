package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import java.util.List;
import java.util.Locale;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.blog.BlogInputException;
import se.samlarande.blog.BlogService;
import se.samlarande.visit.InvalidVisitException;

/** Completing "Approve the summary post": an approved text becomes the blog's closing post; a rejected one is dropped. */
@Component
class PublishSummaryPostListener implements TaskListener {

    private final BlogService blog;

    PublishSummaryPostListener(BlogService blog) {
        this.blog = blog;
    }

    @Override
    public void notify(DelegateTask task) {
        SummaryPostDecision decision;
        try {
            decision = SummaryPostDecision.valueOf(String.valueOf(SUMMARY_POST_DECISION.get(task)).toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidVisitException("Välj om summeringen ska publiceras: godkänn eller avslå.");
        }
        if (decision == SummaryPostDecision.approve) {
            try {
                blog.postSummary(VISIT_ID.require(task), SUMMARY_POST_TEXT.get(task), TaskUsers.actor(task));
            } catch (BlogInputException e) {
                throw new InvalidVisitException(e.messageKey().endsWith("too-long")
                        ? "Inlägget är för långt: högst 8000 tecken." : "Inlägget behöver en text.");
            }
        }
        task.getExecution().removeVariables(List.of(SUMMARY_POST_TEXT.name(), SUMMARY_POST_DECISION.name()));
    }
}
