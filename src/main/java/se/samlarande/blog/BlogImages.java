package se.samlarande.blog;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * Which images the blog takes: PNG, JPEG, GIF and WebP, recognised by their first bytes (the declared type and the
 * file's name are not trusted), and a file name that is safe to send back in a header.
 */
final class BlogImages {

    /** An image type: its content type and the extension its file name gets. */
    enum ImageType {
        PNG("image/png", "png"), JPEG("image/jpeg", "jpg"), GIF("image/gif", "gif"), WEBP("image/webp", "webp");

        final String contentType;
        final String extension;

        ImageType(String contentType, String extension) {
            this.contentType = contentType;
            this.extension = extension;
        }
    }

    private static final byte[] PNG = {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A};
    private static final byte[] JPEG = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF};
    private static final byte[] GIF87 = "GIF87a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GIF89 = "GIF89a".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] RIFF = "RIFF".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] WEBP = "WEBP".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_NAME = 100;

    private BlogImages() {
    }

    /** The type the content really is, from its magic bytes; empty for anything else. */
    static Optional<ImageType> typeOf(byte[] content) {
        if (startsWith(content, 0, PNG)) {
            return Optional.of(ImageType.PNG);
        }
        if (startsWith(content, 0, JPEG)) {
            return Optional.of(ImageType.JPEG);
        }
        if (startsWith(content, 0, GIF87) || startsWith(content, 0, GIF89)) {
            return Optional.of(ImageType.GIF);
        }
        if (startsWith(content, 0, RIFF) && startsWith(content, 8, WEBP)) {
            return Optional.of(ImageType.WEBP);
        }
        return Optional.empty();
    }

    /**
     * A file name made of letters, digits, dots, dashes and underscores only, with the extension of the type the
     * content really is: nothing in it can break out of a header or pass for another type.
     */
    static String safeName(String original, ImageType type) {
        String name = original == null ? "" : original.replace('\\', '/');
        name = name.substring(name.lastIndexOf('/') + 1);
        int dot = name.lastIndexOf('.');
        String base = (dot > 0 ? name.substring(0, dot) : name)
                .replaceAll("[^A-Za-z0-9._-]", "_").replaceAll("^[._]+", "").replaceAll("_+", "_");
        if (base.isBlank()) {
            base = "image";
        }
        if (base.length() > MAX_NAME) {
            base = base.substring(0, MAX_NAME);
        }
        return base + "." + type.extension.toLowerCase(Locale.ROOT);
    }

    private static boolean startsWith(byte[] content, int offset, byte[] magic) {
        return content.length >= offset + magic.length
                && Arrays.equals(content, offset, offset + magic.length, magic, 0, magic.length);
    }
}
