package se.samlarande.notification;

import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.springframework.context.MessageSource;
import org.springframework.stereotype.Component;
import org.thymeleaf.ITemplateEngine;
import org.thymeleaf.context.Context;

/**
 * Turns a kind of email and its facts into subject, plain text and HTML in the reader's language.
 * Texts come from {@code messages*.properties} ({@code mail.<kind>.subject}, {@code .intro}, {@code .outro});
 * the HTML from the Thymeleaf template {@code mail/message.html}.
 */
@Component
class MailComposer {

    private final MessageSource messages;
    private final ITemplateEngine templates;

    MailComposer(MessageSource messages, ITemplateEngine templates) {
        this.messages = messages;
        this.templates = templates;
    }

    /** A labelled fact shown in the email, e.g. "Datum: 2–3 december 2026". Label is a message key. */
    record Fact(String labelKey, String value) {
    }

    MailContent compose(MailKind kind, Locale locale, String name, Object[] args, List<Fact> facts) {
        return compose(kind, locale, name, args, facts, null);
    }

    /** With a personal link: its text ({@code mail.<kind>.action}) says where it leads, for screen readers too. */
    MailContent compose(MailKind kind, Locale locale, String name, Object[] args, List<Fact> facts, String link) {
        return compose(kind, locale, name, args, facts, link, null);
    }

    /** With a second personal link, to the visit's blog ({@code mail.blog.action}), after the first. */
    MailContent compose(MailKind kind, Locale locale, String name, Object[] args, List<Fact> facts, String link,
            String blogLink) {
        String prefix = "mail." + kind.key() + ".";
        String subject = messages.getMessage(prefix + "subject", args, locale);
        String greeting = messages.getMessage("mail.greeting", new Object[] {name}, locale);
        List<String> intro = paragraphs(messages.getMessage(prefix + "intro", args, locale));
        List<String> outro = paragraphs(messages.getMessage(prefix + "outro", args, "", locale));
        List<Map.Entry<String, String>> labelled = facts.stream()
                .filter(f -> f.value() != null && !f.value().isBlank())
                .map(f -> Map.entry(messages.getMessage(f.labelKey(), null, locale), f.value()))
                .toList();
        String signature = messages.getMessage("mail.signature", null, locale);

        StringBuilder text = new StringBuilder(greeting).append("\n\n");
        intro.forEach(p -> text.append(p).append("\n\n"));
        labelled.forEach(f -> text.append(f.getKey()).append(": ")
                .append(f.getValue().contains("\n") ? "\n" + f.getValue() : f.getValue()).append('\n'));
        if (!labelled.isEmpty()) {
            text.append('\n');
        }
        String action = link == null ? null : messages.getMessage(prefix + "action", args, locale);
        if (action != null) {
            text.append(action).append(":\n").append(link).append("\n\n");
        }
        String blogAction = blogLink == null ? null : messages.getMessage("mail.blog.action", null, locale);
        if (blogAction != null) {
            text.append(blogAction).append(":\n").append(blogLink).append("\n\n");
        }
        outro.forEach(p -> text.append(p).append("\n\n"));
        text.append(signature).append('\n');

        Context context = new Context(locale);
        context.setVariable("subject", subject);
        context.setVariable("greeting", greeting);
        context.setVariable("intro", intro);
        context.setVariable("facts", labelled);
        context.setVariable("outro", outro);
        context.setVariable("action", action);
        context.setVariable("link", link);
        context.setVariable("blogAction", blogAction);
        context.setVariable("blogLink", blogLink);
        context.setVariable("signature", signature);
        context.setVariable("lang", locale.getLanguage());
        return new MailContent(subject, text.toString(), templates.process("mail/message", context));
    }

    private static List<String> paragraphs(String text) {
        return text == null || text.isBlank() ? List.of() : List.of(text.split("\\n\\n"));
    }
}
