package se.samlarande.blog;

import java.util.List;

/** A blog as read: its posts in the order they were written, grouped by the visit's phase. */
public record Timeline(List<Section> sections, boolean isPublic) {

    public record Section(Phase phase, List<BlogPost> posts) {
    }

    public boolean isEmpty() {
        return sections.isEmpty();
    }
}
