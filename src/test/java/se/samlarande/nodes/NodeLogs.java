package se.samlarande.nodes;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a test fails, prints the tail of every node's latest log (the full logs stay in {@code target/it-nodes/}).
 * Register as a JUnit extension and {@link #watch} each node.
 */
final class NodeLogs implements TestWatcher {

    private final List<AppNode> nodes = new ArrayList<>();

    AppNode watch(AppNode node) {
        nodes.add(node);
        return node;
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        for (AppNode node : nodes) {
            System.err.println("----- " + node + ", last lines of its latest log -----");
            System.err.println(node.tail(80));
        }
    }
}
