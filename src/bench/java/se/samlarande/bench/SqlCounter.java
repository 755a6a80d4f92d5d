package se.samlarande.bench;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import net.ttddyy.dsproxy.ExecutionInfo;
import net.ttddyy.dsproxy.QueryInfo;
import net.ttddyy.dsproxy.listener.QueryExecutionListener;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;

/**
 * Counts what a data source executes, split by whose tables a statement touches: the engine's ({@code ACT_*}) or
 * the app's ({@code sl_*}). A statement is one execution (each element of a JDBC batch counts); rows written are the
 * update counts the driver reports for inserts, updates and deletes.
 */
final class SqlCounter implements QueryExecutionListener {

    private static final Pattern TABLE = Pattern.compile("(?i)\\b(act_[a-z_]+|sl_[a-z_]+|flyway_[a-z_]+)");

    enum Owner { ENGINE, APP, OTHER }

    record Snapshot(long engineReads, long engineWrites, long engineRows, long appReads, long appWrites, long appRows) {
        Snapshot minus(Snapshot o) {
            return new Snapshot(engineReads - o.engineReads, engineWrites - o.engineWrites, engineRows - o.engineRows,
                    appReads - o.appReads, appWrites - o.appWrites, appRows - o.appRows);
        }

        long statements() {
            return engineReads + engineWrites + appReads + appWrites;
        }
    }

    private final LongAdder[] reads = { new LongAdder(), new LongAdder(), new LongAdder() };
    private final LongAdder[] writes = { new LongAdder(), new LongAdder(), new LongAdder() };
    private final LongAdder[] rows = { new LongAdder(), new LongAdder(), new LongAdder() };

    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> bySql = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> nanosBySql = new java.util.concurrent.ConcurrentHashMap<>();
    private final ThreadLocal<Long> started = new ThreadLocal<>();

    /**
     * The statements run most often since the last call, with their counts and the time the data source took for
     * them, in milliseconds all together (the text cut at 110 characters).
     */
    List<String> topAndReset(int limit) {
        List<String> top = bySql.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(limit)
                .map(e -> String.format("%8d %9.1f ms  %s", e.getValue().sum(),
                        nanosBySql.getOrDefault(e.getKey(), new LongAdder()).sum() / 1e6, e.getKey()))
                .toList();
        bySql.clear();
        nanosBySql.clear();
        return top;
    }

    /** The statements run with auto-commit on (each a transaction of its own) since the last call, most often first. */
    List<String> autoCommittedAndReset(int limit) {
        List<String> top = autoCommitBySql.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue().sum(), a.getValue().sum())).limit(limit)
                .map(e -> String.format("%8d  %s", e.getValue().sum(), e.getKey())).toList();
        autoCommitBySql.clear();
        return top;
    }

    private final java.util.concurrent.ConcurrentHashMap<String, LongAdder> autoCommitBySql = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The data source with every statement counted, or, while {@link #counting(boolean)} is off, the data source
     * itself: new connections are taken from one or the other (a connection keeps what it was taken as).
     */
    DataSource wrap(String name, DataSource dataSource) {
        DataSource counted = ProxyDataSourceBuilder.create(dataSource).name(name).listener(this).build();
        return new org.springframework.jdbc.datasource.DelegatingDataSource(dataSource) {
            @Override
            public java.sql.Connection getConnection() throws java.sql.SQLException {
                return counting ? counted.getConnection() : super.getConnection();
            }

            @Override
            public java.sql.Connection getConnection(String username, String password) throws java.sql.SQLException {
                return counting ? counted.getConnection(username, password) : super.getConnection(username, password);
            }
        };
    }

    private volatile boolean counting = true;

    /**
     * Off: the app's statements are not counted (nor proxied). The proxy and the counting cost the measured JVM
     * about 6 % of its CPU on the guest pages (a profile), which production does not pay.
     */
    void counting(boolean on) {
        counting = on;
    }

    Snapshot snapshot() {
        return new Snapshot(reads[0].sum(), writes[0].sum(), rows[0].sum(), reads[1].sum(), writes[1].sum(), rows[1].sum());
    }

    @Override
    public void beforeQuery(ExecutionInfo execInfo, List<QueryInfo> queryInfoList) {
        started.set(System.nanoTime());
    }

    @Override
    public void afterQuery(ExecutionInfo execInfo, List<QueryInfo> queries) {
        try {
            if (execInfo.getStatement().getConnection().getAutoCommit()) {
                autoCommitBySql.computeIfAbsent(kind(queries.get(0).getQuery()).key(), k -> new LongAdder()).increment();
            }
        } catch (java.sql.SQLException | RuntimeException closed) {
            // the statement's connection is gone: not counted
        }
        Object result = execInfo.getResult();
        int[] batchCounts = result instanceof int[] counts ? counts : null;
        int batchIndex = 0;
        Long start = started.get();
        long nanos = start == null ? 0 : (System.nanoTime() - start) / Math.max(1, queries.size());
        for (QueryInfo query : queries) {
            Kind kind = kind(query.getQuery());
            Owner owner = kind.owner();
            boolean write = kind.write();
            int executions = Math.max(1, query.getParametersList().size());
            (write ? writes : reads)[owner.ordinal()].add(executions);
            bySql.computeIfAbsent(kind.key(), k -> new LongAdder()).add(executions);
            nanosBySql.computeIfAbsent(kind.key(), k -> new LongAdder()).add(nanos);
            if (!write) {
                continue;
            }
            if (batchCounts != null) {
                for (int i = 0; i < executions && batchIndex < batchCounts.length; i++, batchIndex++) {
                    // SUCCESS_NO_INFO (-2): the driver did not say how many; a batch element writes one row here
                    rows[owner.ordinal()].add(batchCounts[batchIndex] >= 0 ? batchCounts[batchIndex] : 1);
                }
            } else if (result instanceof Integer count) {
                rows[owner.ordinal()].add(count);
            } else if (result instanceof Long count) {
                rows[owner.ordinal()].add(count);
            }
        }
    }

    /** What a statement is, worked out once per statement text: its owner, whether it writes, its key in the lists. */
    private record Kind(Owner owner, boolean write, String key) {
    }

    /**
     * Statement texts seen, each classified once: the regular expressions over a statement of a few kilobytes, run
     * for every execution, were the benchmark's own cost in the measured JVM (9 % of the guest pages' CPU samples).
     */
    private final Map<String, Kind> kinds = new java.util.concurrent.ConcurrentHashMap<>();

    private Kind kind(String query) {
        Kind kind = kinds.get(query);
        if (kind == null) {
            String sql = query.stripLeading();
            String text = sql.replaceAll("\\s+", " ");
            kind = new Kind(owner(sql), isWrite(sql), text.length() > 110 ? text.substring(0, 110) : text);
            if (kinds.size() < 20_000) { // texts with their values in them would grow it without end
                kinds.put(query, kind);
            }
        }
        return kind;
    }

    private static boolean isWrite(String sql) {
        String head = sql.length() > 7 ? sql.substring(0, 7).toLowerCase() : sql.toLowerCase();
        return head.startsWith("insert") || head.startsWith("update") || head.startsWith("delete")
                || head.startsWith("merge");
    }

    private static Owner owner(String sql) {
        Matcher m = TABLE.matcher(sql);
        if (!m.find()) {
            return Owner.OTHER;
        }
        String table = m.group(1).toLowerCase();
        return table.startsWith("act_") ? Owner.ENGINE : table.startsWith("sl_") ? Owner.APP : Owner.OTHER;
    }
}
