package se.samlarande.system;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

import org.camunda.bpm.engine.ProcessEngine;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

import se.samlarande.support.SamlarandeTest;

/** The job table's due-date index is there once the app has started, on whichever database it runs, and a second start keeps it. */
@SamlarandeTest
class JobAcquisitionIndexTest {

    @Autowired DataSource dataSource;
    @Autowired ProcessEngine engine;
    @Autowired JobAcquisitionIndex index;

    @Test
    void theJobTableHasAnIndexOnItsDueDate() throws Exception {
        assertThat(indexedColumns(JobAcquisitionIndex.NAME)).containsExactly("DUEDATE_");

        // as a second start (or a second node) would: no error, still one index
        index.postProcessEngineBuild(engine);
        assertThat(indexedColumns(JobAcquisitionIndex.NAME)).containsExactly("DUEDATE_");
    }

    private List<String> indexedColumns(String name) throws Exception {
        List<String> columns = new ArrayList<>();
        try (Connection connection = dataSource.getConnection()) {
            var meta = connection.getMetaData();
            // PostgreSQL folds unquoted names to lower case, H2 to upper case
            for (String table : List.of("ACT_RU_JOB", "act_ru_job")) {
                try (ResultSet rs = meta.getIndexInfo(null, null, table, false, false)) {
                    while (rs.next()) {
                        if (name.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
                            columns.add(rs.getString("COLUMN_NAME").toUpperCase());
                        }
                    }
                }
            }
        }
        return columns;
    }
}
