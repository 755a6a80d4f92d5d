package se.samlarande.blog;

/** A visit's blog in figures (a result measure): posts and comments shown to readers, and page views. */
public record BlogCounts(long posts, long comments, long views) {
}
