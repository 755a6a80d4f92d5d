package se.samlarande.blog;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code samlarande.blog.*}: how much a blog takes.
 *
 * @param maxImageBytes    the largest image accepted as an attachment
 * @param maxImagesPerPost how many images one post may carry
 */
@ConfigurationProperties("samlarande.blog")
public record BlogLimits(@DefaultValue("5MB") DataSize maxImageBytes, @DefaultValue("4") int maxImagesPerPost) {

    /** Longest title, post text, comment and signature as typed (before sanitising). */
    public static final int MAX_TITLE = 200;
    public static final int MAX_POST_TEXT = 8000;
    public static final int MAX_COMMENT_TEXT = 2000;
    public static final int MAX_SIGNATURE = 100;
    public static final int MAX_HIDE_REASON = 500;
}
