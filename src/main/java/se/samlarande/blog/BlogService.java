package se.samlarande.blog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.MessageSource;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import se.samlarande.audit.AuditLog;
import se.samlarande.evaluation.AnswerService;
import se.samlarande.evaluation.PracticeFollowUp;
import se.samlarande.evaluation.Summary;
import se.samlarande.visit.Language;
import se.samlarande.visit.Participant;
import se.samlarande.visit.ParticipantRole;
import se.samlarande.visit.Visit;
import se.samlarande.visit.VisitService;
import se.samlarande.visit.VisitState;

/**
 * One blog per visit, open from the invitation on. Staff, guests and the process post and comment; every post is
 * marked before, during or after the visit from the visit's dates on the day it is written (region's time). Text is
 * sanitised before it is stored ({@link BlogText}); images are checked by content. Hosts, coordinators and admins
 * hide posts and comments with a reason: the row stays, readers no longer see it, and the audit log says who and
 * why. A cancelled visit's blog can still be read, not written.
 */
@Service
public class BlogService {

    public static final String POST_HIDDEN = "POST_HIDDEN";
    public static final String COMMENT_HIDDEN = "COMMENT_HIDDEN";
    public static final String BLOG_MADE_PUBLIC = "BLOG_MADE_PUBLIC";
    public static final String BLOG_MADE_PRIVATE = "BLOG_MADE_PRIVATE";
    public static final String SUMMARY_POSTED = "SUMMARY_POSTED";

    /** A post's HTML fits {@code sl_blog_post.body_html}, a comment's {@code sl_blog_comment.body_html}. */
    private static final int MAX_POST_HTML = 40_000;
    private static final int MAX_COMMENT_HTML = 10_000;

    private final BlogRepository repository;
    private final VisitService visits;
    private final AnswerService answers;
    private final AuditLog audit;
    private final MessageSource messages;
    private final BlogLimits limits;
    private final Clock clock;
    private final ZoneId zone;

    BlogService(BlogRepository repository, VisitService visits, AnswerService answers, AuditLog audit,
            MessageSource messages, BlogLimits limits, Clock clock, @Value("${samlarande.zone}") ZoneId zone) {
        this.repository = repository;
        this.visits = visits;
        this.answers = answers;
        this.audit = audit;
        this.messages = messages;
        this.limits = limits;
        this.clock = clock;
        this.zone = zone;
    }

    // --- reading ------------------------------------------------------------------------------------------

    /** The blog in the order it was written, by phase; hidden posts and comments only for staff ({@code withHidden}). */
    public Timeline timeline(long visitId, boolean withHidden) {
        Map<Long, List<BlogComment>> comments = repository.comments(visitId).stream()
                .filter(c -> withHidden || !c.isHidden())
                .collect(Collectors.groupingBy(BlogComment::postId));
        Map<Long, List<BlogPost.Attachment>> attachments = repository.attachments(visitId).stream()
                .collect(Collectors.groupingBy(BlogPost.Attachment::postId));
        Map<Phase, List<BlogPost>> byPhase = new EnumMap<>(Phase.class);
        for (BlogPost post : repository.posts(visitId)) {
            if (post.isHidden() && !withHidden) {
                continue;
            }
            byPhase.computeIfAbsent(post.phase(), p -> new ArrayList<>()).add(post.with(
                    comments.getOrDefault(post.id(), List.of()), attachments.getOrDefault(post.id(), List.of())));
        }
        List<Timeline.Section> sections = byPhase.entrySet().stream()
                .map(e -> new Timeline.Section(e.getKey(), List.copyOf(e.getValue()))).toList();
        return new Timeline(sections, repository.isPublic(visitId));
    }

    public boolean isPublic(long visitId) {
        return repository.isPublic(visitId);
    }

    /** An image of the visit's blog; one on a hidden post only for staff. */
    public Optional<BlogImage> image(long visitId, long attachmentId, boolean withHidden) {
        return repository.image(visitId, attachmentId)
                .filter(stored -> withHidden || !stored.postHidden())
                .map(BlogRepository.StoredImage::image);
    }

    /** Every opening of a blog page counts (a result measure); {@code viewer} a user id, a participant id or null. */
    @Transactional
    public void recordView(long visitId, ViewerKind kind, String viewer) {
        repository.insertView(visitId, kind, viewer, clock.instant());
    }

    public BlogCounts counts(long visitId) {
        return repository.counts(visitId);
    }

    /** Whether people may post and comment now: not on a cancelled visit. */
    public boolean isWritable(Visit visit) {
        return visit.state() != VisitState.CANCELLED;
    }

    // --- writing ------------------------------------------------------------------------------------------

    /** A post by a person, with up to {@link BlogLimits#maxImagesPerPost()} images; refused input names its field. */
    @Transactional
    public long post(long visitId, Author author, String title, String text, List<Upload> images) {
        Visit visit = writable(visitId);
        checkSignature(author);
        String cleanTitle = title == null ? null : title.strip();
        if (cleanTitle != null && cleanTitle.length() > BlogLimits.MAX_TITLE) {
            throw new BlogInputException("title", "blog.error.title.too-long", BlogLimits.MAX_TITLE);
        }
        String html = html(author, text, "text", BlogLimits.MAX_POST_TEXT, MAX_POST_HTML);
        List<Upload> files = images == null ? List.of() : images;
        if (files.size() > limits.maxImagesPerPost()) {
            throw new BlogInputException("images", "blog.error.image.too-many", limits.maxImagesPerPost());
        }
        List<Accepted> accepted = files.stream().map(this::accept).toList();
        Instant now = clock.instant();
        long postId = repository.insertPost(visitId, PostKind.POST, phase(visit), author,
                cleanTitle == null || cleanTitle.isEmpty() ? null : cleanTitle, html, now);
        accepted.forEach(a -> repository.insertAttachment(postId, a.fileName(), a.type().contentType, a.content(), now));
        return postId;
    }

    @Transactional
    public long comment(long visitId, long postId, Author author, String text) {
        writable(visitId);
        checkSignature(author);
        BlogPost post = repository.post(visitId, postId).filter(p -> !p.isHidden())
                .orElseThrow(() -> new BlogInputException("comment", "blog.error.post.unknown"));
        String html = html(author, text, "comment", BlogLimits.MAX_COMMENT_TEXT, MAX_COMMENT_HTML);
        return repository.insertComment(visitId, post.id(), author, html, clock.instant());
    }

    /** Hidden, not deleted: kept for audit, gone for readers. */
    @Transactional
    public void hidePost(long visitId, long postId, String userId, String reason) {
        String why = reason(reason);
        BlogPost post = repository.post(visitId, postId)
                .orElseThrow(() -> new BlogInputException("reason", "blog.error.post.unknown"));
        if (repository.hidePost(post.id(), userId, why, clock.instant())) {
            String which = post.title() == null ? "Inlägg " + post.id() : "Inlägget \"" + post.title() + "\"";
            audit.record(visitId, userId, POST_HIDDEN, which + " av " + post.authorName() + " dolt: " + why);
        }
    }

    @Transactional
    public void hideComment(long visitId, long commentId, String userId, String reason) {
        String why = reason(reason);
        BlogComment comment = repository.comment(visitId, commentId)
                .orElseThrow(() -> new BlogInputException("reason", "blog.error.post.unknown"));
        if (repository.hideComment(comment.id(), userId, why, clock.instant())) {
            audit.record(visitId, userId, COMMENT_HIDDEN,
                    "Kommentar " + comment.id() + " av " + comment.authorName() + " dold: " + why);
        }
    }

    /** Opens the blog to the region's wider network (read-only) or closes it again. */
    @Transactional
    public void setPublic(long visitId, boolean makePublic, String userId) {
        if (repository.isPublic(visitId) != makePublic) {
            repository.setPublic(visitId, makePublic);
            audit.record(visitId, userId, makePublic ? BLOG_MADE_PUBLIC : BLOG_MADE_PRIVATE, null);
        }
    }

    // --- the process's posts ----------------------------------------------------------------------------------

    /** "The visit is confirmed", with the programme the guests were sent; once per visit. */
    @Transactional
    public void postVisitConfirmed(long visitId) {
        Visit visit = visits.get(visitId);
        Locale locale = blogLanguage(visitId);
        String title = messages.getMessage("blog.milestone.confirmed.title", null, locale);
        if (repository.hasPost(visitId, PostKind.MILESTONE, title)) {
            return;
        }
        StringBuilder text = new StringBuilder(messages.getMessage("blog.milestone.confirmed.text",
                new Object[] {visit.hostUnit(), dates(visit, locale), visit.topic()}, locale));
        if (visit.programme() != null && !visit.programme().isBlank()) {
            text.append("\n\n<b>").append(messages.getMessage("blog.milestone.confirmed.programme", null, locale))
                    .append("</b>\n").append(escape(visit.programme()));
        }
        repository.insertPost(visitId, PostKind.MILESTONE, phase(visit), Author.process(), title,
                BlogText.toHtml(text.toString()), clock.instant());
    }

    /** The closing post drafted from the summary meeting's answers, for the coordinator to edit and approve. */
    public String draftSummary(long visitId) {
        Locale locale = blogLanguage(visitId);
        Summary summary = answers.summary(visitId).orElse(null);
        if (summary == null || summary.purposeMet() == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        text.append(messages.getMessage("blog.summary.purpose-met." + summary.purposeMet(), null, locale));
        section(text, messages.getMessage("blog.summary.learned", null, locale), summary.learned());
        section(text, messages.getMessage("blog.summary.introduce", null, locale), summary.introduceInPractice());
        section(text, messages.getMessage("blog.summary.follow-up", null, locale), summary.followUpActions());
        return text.toString();
    }

    /** The approved summary as the blog's closing post (kind SUMMARY, by the process); once per visit. */
    @Transactional
    public void postSummary(long visitId, String approvedText, String approvedBy) {
        if (repository.hasPost(visitId, PostKind.SUMMARY, null)) {
            return;
        }
        Visit visit = visits.get(visitId);
        String html = html(approvedText, "text", BlogLimits.MAX_POST_TEXT, MAX_POST_HTML);
        String title = messages.getMessage("blog.summary.title", null, blogLanguage(visitId));
        repository.insertPost(visitId, PostKind.SUMMARY, phase(visit), Author.process(), title, html, clock.instant());
        audit.record(visitId, approvedBy, SUMMARY_POSTED, "Summeringen publicerad på bloggen");
    }

    /**
     * The host's answer to the practice follow-up, as a post by the process (kind PRACTICE_FOLLOW_UP); once per visit.
     * Written in the blog's language from what the host typed, shown as text.
     */
    @Transactional
    public void postPracticeFollowUp(PracticeFollowUp answer) {
        long visitId = answer.visitId();
        if (repository.hasPost(visitId, PostKind.PRACTICE_FOLLOW_UP, null) || !answer.answered()) {
            return;
        }
        Visit visit = visits.get(visitId);
        Locale locale = blogLanguage(visitId);
        String html = practiceFollowUpHtml(answer, locale, Integer.MAX_VALUE);
        if (html.length() > MAX_POST_HTML) {
            html = practiceFollowUpHtml(answer, locale, 2000);
        }
        repository.insertPost(visitId, PostKind.PRACTICE_FOLLOW_UP, phase(visit), Author.process(),
                messages.getMessage("blog.practice.title", null, locale), html, clock.instant());
    }

    private String practiceFollowUpHtml(PracticeFollowUp answer, Locale locale, int maxText) {
        StringBuilder text = new StringBuilder("<b>")
                .append(messages.getMessage("blog.practice.introduced." + answer.introduced(), null, locale)).append("</b>");
        practiceSection(text, messages.getMessage("blog.practice.what", null, locale), answer.whatWasIntroduced(), maxText);
        practiceSection(text, messages.getMessage("blog.practice.effect", null, locale), answer.effect(), maxText);
        practiceSection(text, messages.getMessage("blog.practice.obstacles", null, locale), answer.obstacles(), maxText);
        return BlogText.toHtml(text.toString());
    }

    private static void practiceSection(StringBuilder text, String heading, String body, int maxText) {
        if (body != null && !body.isBlank()) {
            String shown = body.length() > maxText ? body.substring(0, maxText) + "…" : body;
            text.append("\n\n<b>").append(heading).append("</b>\n").append(escape(shown.strip()));
        }
    }

    // --- helpers --------------------------------------------------------------------------------------------

    private record Accepted(String fileName, BlogImages.ImageType type, byte[] content) {
    }

    private Accepted accept(Upload upload) {
        String shown = upload.originalName() == null ? "" : upload.originalName();
        if (upload.content().length > limits.maxImageBytes().toBytes()) {
            throw new BlogInputException("images", "blog.error.image.too-big", shown, limits.maxImageBytes().toMegabytes());
        }
        BlogImages.ImageType type = BlogImages.typeOf(upload.content())
                .orElseThrow(() -> new BlogInputException("images", "blog.error.image.type", shown));
        return new Accepted(BlogImages.safeName(upload.originalName(), type), type, upload.content());
    }

    private Visit writable(long visitId) {
        Visit visit = visits.get(visitId);
        if (!isWritable(visit)) {
            throw new BlogInputException("form", "blog.error.cancelled");
        }
        return visit;
    }

    private static void checkSignature(Author author) {
        if (author.name() == null || author.name().isBlank()) {
            throw new BlogInputException("signature", "blog.error.signature.required");
        }
        if (author.name().length() > BlogLimits.MAX_SIGNATURE) {
            throw new BlogInputException("signature", "blog.error.signature.too-long", BlogLimits.MAX_SIGNATURE);
        }
    }

    /** A guest's words are text only; staff may use the small subset of formatting ({@link BlogText}). */
    private static String html(Author author, String typed, String field, int maxTyped, int maxHtml) {
        return author.participantId() != null ? checked(typed, field, maxTyped, maxHtml, BlogText::plainToHtml)
                : html(typed, field, maxTyped, maxHtml);
    }

    private static String html(String typed, String field, int maxTyped, int maxHtml) {
        return checked(typed, field, maxTyped, maxHtml, BlogText::toHtml);
    }

    private static String checked(String typed, String field, int maxTyped, int maxHtml,
            java.util.function.UnaryOperator<String> toHtml) {
        if (typed == null || typed.isBlank()) {
            throw new BlogInputException(field, "blog.error.text.required");
        }
        if (typed.length() > maxTyped) {
            throw new BlogInputException(field, "blog.error.text.too-long", maxTyped, typed.length());
        }
        String html = toHtml.apply(typed);
        if (BlogText.isBlank(html)) {
            throw new BlogInputException(field, "blog.error.text.nothing-left");
        }
        if (html.length() > maxHtml) {
            throw new BlogInputException(field, "blog.error.text.too-long", maxTyped, typed.length());
        }
        return html;
    }

    private static String reason(String reason) {
        String why = reason == null ? "" : reason.strip();
        if (why.isEmpty()) {
            throw new BlogInputException("reason", "blog.error.reason.required");
        }
        if (why.length() > BlogLimits.MAX_HIDE_REASON) {
            throw new BlogInputException("reason", "blog.error.reason.too-long", BlogLimits.MAX_HIDE_REASON);
        }
        return why;
    }

    private Phase phase(Visit visit) {
        return Phase.of(LocalDate.ofInstant(clock.instant(), zone), visit.dateFrom(), visit.dateTo());
    }

    /** The process writes in the contact guest's language: the blog's readers are the guests and their hosts. */
    private Locale blogLanguage(long visitId) {
        return visits.guests(visitId).stream().filter(g -> g.role() == ParticipantRole.CONTACT_GUEST)
                .map(Participant::language).findFirst().orElse(Language.SV).locale();
    }

    private static String dates(Visit visit, Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale);
        return visit.dateFrom().equals(visit.dateTo()) ? visit.dateFrom().format(format)
                : visit.dateFrom().format(format) + " – " + visit.dateTo().format(format);
    }

    private static void section(StringBuilder text, String heading, String body) {
        if (body != null && !body.isBlank()) {
            text.append("\n\n").append(heading).append('\n').append(body.strip());
        }
    }

    /** Text typed in a form elsewhere (the programme) shown as text, not as markup. */
    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
