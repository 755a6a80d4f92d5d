package se.samlarande.report;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result measures over the visits a filter selects.
 *
 * @param tables   every table, in the page's order, by id
 * @param charts   the charts' data (labels, series), serialised for the page's script
 */
public record Report(ReportFilter filter, Figures figures, Map<String, ReportTable> tables, Map<String, Object> charts) {

    public Optional<ReportTable> table(String id) {
        return Optional.ofNullable(tables.get(id));
    }

    public List<ReportTable> allTables() {
        return List.copyOf(tables.values());
    }

    /**
     * The headline figures.
     *
     * @param intakesOnTimeShare percent of intakes received by the deadline, null without intakes
     * @param practiceFollowedUp visits whose host answered the practice follow-up
     * @param practiceIntroduced of those, the visits where the planned practice was introduced (yes or partly)
     * @param practiceIntroducedShare percent introduced of the followed-up visits, null without any
     */
    public record Figures(int visits, int guestsInvited, int intakesReceived, int intakesOnTime,
            BigDecimal intakesOnTimeShare, int guestEvaluations, BigDecimal guestScoreAverage,
            BigDecimal hostScoreAverage, int summaries, int posts, int comments, int views, int hiddenPosts,
            int hiddenComments, long openIncidents, int practiceFollowedUp, int practiceIntroduced,
            BigDecimal practiceIntroducedShare) {
    }
}
