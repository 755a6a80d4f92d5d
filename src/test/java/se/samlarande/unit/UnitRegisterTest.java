package se.samlarande.unit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

import se.samlarande.support.SamlarandeTest;
import se.samlarande.support.VisitScenario;
import se.samlarande.visit.Visit;

/** The register's tree, sub-trees, search, deactivation and deletion, and the linking of visits by their host unit. */
@SamlarandeTest
class UnitRegisterTest extends VisitScenario {

    @Autowired UnitRegister register;
    @Autowired UnitLinking linking;
    @Autowired JdbcClient jdbc;

    private final String p = "T" + UUID.randomUUID().toString().substring(0, 8).toUpperCase();

    @Test
    void aTreeOfAnyDepthWithItsSubTreesAndPaths() {
        long region = register.create(p + "-R", "Testregionen " + p, "", "", "demo");
        long admin = register.create(p + "-F", "Förvaltningen " + p, p + "-R", "", "demo");
        long unit = register.create(p + "-E", "Enheten " + p, p + "-F", "enheten@example.org", "demo");
        long deeper = register.create(p + "-G", "Gruppen " + p, p + "-E", "", "demo");
        long other = register.create(p + "-O", "Annan " + p, "", "", "demo");

        assertThat(register.children(region, 0, 10)).extracting(Unit::id).containsExactly(admin);
        assertThat(register.children(null, 0, 500)).extracting(Unit::id).contains(region, other).doesNotContain(admin);
        assertThat(register.subTreeIds(region)).containsExactlyInAnyOrder(region, admin, unit, deeper);
        assertThat(register.subTreeIds(unit)).containsExactlyInAnyOrder(unit, deeper);
        assertThat(register.subTreeIds(other)).containsExactly(other);
        assertThat(register.path(deeper)).isEqualTo("Testregionen " + p + " › Förvaltningen " + p + " › Enheten " + p
                + " › Gruppen " + p);
        assertThat(register.findByCode(p + "-E")).get().extracting(Unit::mailbox).isEqualTo("enheten@example.org");

        // a unit cannot be moved under its own sub-tree
        assertThatThrownBy(() -> register.edit(admin, "Förvaltningen " + p, p + "-G", "", true, "demo"))
                .isInstanceOf(UnitRegister.InvalidUnit.class);
        assertThat(register.findById(admin)).get().extracting(Unit::parentId).isEqualTo(region);
        // a bad mailbox or an existing code is refused
        assertThatThrownBy(() -> register.create(p + "-X", "X", "", "not a mailbox", "demo"))
                .isInstanceOf(UnitRegister.InvalidUnit.class).hasMessageContaining("e-postadress");
        assertThatThrownBy(() -> register.create(p + "-E", "Dubblett", "", "", "demo"))
                .isInstanceOf(UnitRegister.InvalidUnit.class).hasMessageContaining("finns redan");
    }

    @Test
    void searchByCodeOrNameCaseIgnoredAPageAtATime() {
        for (int i = 0; i < 5; i++) {
            register.create(p + "-S" + i, "Sökbara  enheten " + p + " " + i, "", "", "demo");
        }
        assertThat(register.search(p.toLowerCase() + "-s", 0, 20)).hasSize(5);
        assertThat(register.search("SÖKBARA ENHETEN " + p, 0, 3)).hasSize(3);
        assertThat(register.search("sökbara enheten " + p, 3, 3)).hasSize(2);
        assertThat(register.search(p + "%", 0, 20)).isEmpty();
        assertThat(register.findByCode(p + "-S1")).get().extracting(Unit::name).isEqualTo("Sökbara enheten " + p + " 1");
    }

    @Test
    void aUnitWithVisitsIsOnlyDeactivatedOneWithoutIsDeleted() {
        String name = "Avdelning " + p;
        long withVisits = register.create(p + "-V", name, "", "", "demo");
        long without = register.create(p + "-W", "Tom " + p, "", "", "demo");
        hostUnit = "  avdelning   " + p.toLowerCase() + " ";
        Visit visit = visitOf(registerVisit());

        assertThat(unitOf(visit.id())).as("linked at registration, case and spacing ignored").isEqualTo(withVisits);
        assertThat(register.openVisitCount(withVisits)).isEqualTo(1);
        assertThatThrownBy(() -> register.delete(withVisits, "demo")).isInstanceOf(UnitRegister.InvalidUnit.class);
        register.deactivate(withVisits, "demo");
        assertThat(register.findById(withVisits)).get().extracting(Unit::active).isEqualTo(false);
        assertThat(register.inactiveWithOpenVisits(500)).anySatisfy(i -> {
            assertThat(i.id()).isEqualTo(withVisits);
            assertThat(i.openVisits()).isEqualTo(1);
        });
        register.delete(without, "demo");
        assertThat(register.findById(without)).isEmpty();
    }

    @Test
    void earlierVisitsAreLinkedAtStartAndAnUnmatchedNameIsMappedAtOnce() {
        hostUnit = "Okänd enhet " + p;
        Visit first = visitOf(registerVisit());
        hostUnit = "okänd  ENHET " + p;
        Visit second = visitOf(registerVisit());
        assertThat(unitOf(first.id())).isNull();
        assertThat(register.unmatchedNames(10_000)).anySatisfy(n -> assertThat(n.name()).isEqualTo("Okänd enhet " + p));

        // a unit named so appears later: the start-up step links both, and a second run finds nothing more of theirs
        long unit = register.create(p + "-L", "Okänd Enhet " + p, "", "", "demo");
        linking.linkAll();
        assertThat(unitOf(first.id())).isEqualTo(unit);
        assertThat(unitOf(second.id())).isEqualTo(unit);
        assertThat(hostUnitOf(first.id())).as("the free text stays").isEqualTo("Okänd enhet " + p);

        hostUnit = "Något helt annat " + p;
        Visit third = visitOf(registerVisit());
        hostUnit = "något helt  annat " + p;
        Visit fourth = visitOf(registerVisit());
        linking.linkAll();
        assertThat(unitOf(third.id())).isNull();
        assertThat(register.mapName("Något helt annat " + p, p + "-L", "demo")).isEqualTo(2);
        assertThat(unitOf(third.id())).isEqualTo(unit);
        assertThat(unitOf(fourth.id())).isEqualTo(unit);
        assertThat(jdbc.sql("SELECT COUNT(*) FROM sl_audit_event WHERE action = 'UNIT_NAME_MAPPED' AND detail LIKE ?")
                .param("%" + p + "%").query(Integer.class).single()).isEqualTo(1);
    }

    @Test
    void theDemoRegisterLinksTheScenariosHostUnit() {
        assertThat(register.findByCode("VC-RYHOV")).get().extracting(Unit::name).isEqualTo("Vårdcentralen Ryhov");
        assertThat(register.children(register.findByCode("RJL").orElseThrow().id(), 0, 10)).hasSize(2);
        Visit visit = visitOf(registerVisit());
        assertThat(unitOf(visit.id())).isEqualTo(register.findByCode("VC-RYHOV").orElseThrow().id());
    }

    private Long unitOf(long visitId) {
        return jdbc.sql("SELECT unit_id FROM sl_visit WHERE id = ?").param(visitId).query((rs, n) -> {
            long id = rs.getLong(1);
            return rs.wasNull() ? null : id;
        }).list().get(0);
    }

    private String hostUnitOf(long visitId) {
        return jdbc.sql("SELECT host_unit FROM sl_visit WHERE id = ?").param(visitId).query(String.class).single();
    }
}
