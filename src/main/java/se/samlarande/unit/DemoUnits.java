package se.samlarande.unit;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * On the embedded default with demo users ({@code samlarande.demo-users=true}): a region with two administrations
 * and their units, one named as the test scenarios' host unit so that its visits link. Idempotent (by code).
 */
@Component
class DemoUnits {

    private static final String[][] UNITS = {
            {"RJL", "Region Jönköpings län", "", "registrator@rjl.example"},
            {"PVF", "Primärvårdsförvaltningen", "RJL", ""},
            {"SJF", "Sjukhusförvaltningen", "RJL", ""},
            {"VC-RYHOV", "Vårdcentralen Ryhov", "PVF", "vc.ryhov@rjl.example"},
            {"VC-NASSJO", "Vårdcentralen Nässjö", "PVF", "vc.nassjo@rjl.example"},
            {"AKM-RYHOV", "Akutmottagningen Länssjukhuset Ryhov", "SJF", "akuten.ryhov@rjl.example"},
            {"MED-HVN", "Medicinkliniken Höglandssjukhuset", "SJF", "medicin.hoglandet@rjl.example"},
    };

    private final UnitRegister register;
    private final boolean demoUsers;

    DemoUnits(UnitRegister register, @Value("${samlarande.demo-users:false}") boolean demoUsers) {
        this.register = register;
        this.demoUsers = demoUsers;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(50)
    void createDemoUnits() {
        if (!demoUsers) {
            return;
        }
        for (String[] unit : UNITS) {
            if (register.findByCode(unit[0]).isEmpty()) {
                register.create(unit[0], unit[1], unit[2], unit[3], "demo");
            }
        }
    }
}
