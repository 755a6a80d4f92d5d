package se.samlarande.guest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

/**
 * The guest pages need the form-js viewer that the build fetches with npm and copies into static/vendor/. These
 * files are not in git, so this test is what makes a build without them fail.
 */
class FormViewerAssetsTest {

    private static final String VENDOR = "static/vendor/form-js/";

    @Test
    void viewerBundleIsOnTheClasspath() throws IOException {
        String bundle = read(VENDOR + "form-viewer.umd.js");
        // The UMD wrapper that defines the global the page script uses
        assertThat(bundle).contains("global.FormViewer");
        // schemaVersion 16 is form-js 1.8.x, the version Tasklist 7.24 bundles
        assertThat(bundle).contains("const schemaVersion = 16;");
    }

    @Test
    void viewerStylesAreOnTheClasspath() throws IOException {
        assertThat(read(VENDOR + "form-js.css")).contains(".fjs-container", ".fjs-powered-by");
    }

    @Test
    void licenceShipsWithTheViewer() throws IOException {
        assertThat(read(VENDOR + "LICENSE")).contains("Camunda Services GmbH", "watermark");
    }

    @Test
    void guestPageScriptAndStylesExist() {
        assertThat(resource("static/js/guest-form.js")).isNotNull();
        assertThat(resource("static/css/guest.css")).isNotNull();
    }

    private static URL resource(String path) {
        return FormViewerAssetsTest.class.getClassLoader().getResource(path);
    }

    private static String read(String path) throws IOException {
        URL url = resource(path);
        assertThat(url).as("%s on the classpath (built by the npm step in pom.xml)", path).isNotNull();
        try (InputStream in = url.openStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
