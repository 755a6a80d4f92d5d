package se.samlarande.process.migration;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A process version as {@code camunda:versionTag} gives it: MAJOR.MINOR.PATCH (CHANGELOG.md says what each part
 * means). Ordered by its numbers, not as text ({@code 1.10.0} comes after {@code 1.9.0}).
 */
public record VersionTag(int major, int minor, int patch) implements Comparable<VersionTag> {

    private static final Pattern FORM = Pattern.compile("(\\d+)\\.(\\d+)\\.(\\d+)");

    /** @throws IllegalArgumentException for a tag that is absent or not MAJOR.MINOR.PATCH */
    public static VersionTag parse(String tag) {
        Matcher m = tag == null ? null : FORM.matcher(tag.trim());
        if (m == null || !m.matches()) {
            throw new IllegalArgumentException("Not a process version (MAJOR.MINOR.PATCH): " + tag);
        }
        return new VersionTag(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
    }

    /** The tag, or null when it is absent or malformed (a definition deployed by hand, say). */
    static VersionTag parseOrNull(String tag) {
        try {
            return parse(tag);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    @Override
    public int compareTo(VersionTag o) {
        int c = Integer.compare(major, o.major);
        if (c == 0) {
            c = Integer.compare(minor, o.minor);
        }
        return c != 0 ? c : Integer.compare(patch, o.patch);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
