package se.samlarande.notification;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

import jakarta.validation.constraints.NotBlank;

/** {@code samlarande.mail.*}: the sender address of every email. */
@Validated
@ConfigurationProperties("samlarande.mail")
public record MailProperties(@NotBlank String from) {
}
