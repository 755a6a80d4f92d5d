package se.samlarande.process;

import static se.samlarande.process.VisitProcess.*;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.springframework.stereotype.Component;

import se.samlarande.blog.BlogService;

/** When the confirmation has gone out ({@code Task_SendConfirmation} ends): the blog's milestone "the visit is confirmed", with the programme. */
@Component
class PostVisitConfirmedListener implements ExecutionListener {

    private final BlogService blog;

    PostVisitConfirmedListener(BlogService blog) {
        this.blog = blog;
    }

    @Override
    public void notify(DelegateExecution execution) {
        blog.postVisitConfirmed(VISIT_ID.require(execution));
    }
}
