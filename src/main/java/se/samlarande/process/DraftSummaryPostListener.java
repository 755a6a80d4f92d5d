package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.springframework.stereotype.Component;

import se.samlarande.blog.BlogService;

/** "Approve the summary post" is created: the post drafted from the summary meeting's answers, for the form to show. */
@Component
class DraftSummaryPostListener implements TaskListener {

    private final BlogService blog;

    DraftSummaryPostListener(BlogService blog) {
        this.blog = blog;
    }

    @Override
    public void notify(DelegateTask task) {
        // On the execution, not the task: Tasklist's submission and TaskService.complete both write back there.
        SUMMARY_POST_TEXT.set(task.getExecution(), blog.draftSummary(VISIT_ID.require(task)));
    }
}
