package se.samlarande.nodes;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The database an {@link AppNode} runs on: what points the node's process at it. */
interface NodeDatabase extends AutoCloseable {

    /** Command-line arguments for the node (a profile, for example). */
    List<String> arguments();

    /** Environment variables for the node. */
    Map<String, String> environment();

    /** The directory the node's process runs in, when its database lives there. */
    default Optional<Path> workingDirectory() {
        return Optional.empty();
    }

    @Override
    void close();
}
