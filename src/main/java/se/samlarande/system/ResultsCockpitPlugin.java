package se.samlarande.system;

import java.util.Set;

import org.camunda.bpm.cockpit.plugin.spi.impl.AbstractCockpitPlugin;

/**
 * Brings the region's result measures into Cockpit, where process owners already work: a panel on the dashboard
 * with the key figures and a link in the navigation, both leading to the app's report page (same sign-in). The
 * front-end module is {@code plugin-webapp/samlarande-results/app/plugin.js}; Cockpit finds this class through
 * {@code META-INF/services/org.camunda.bpm.cockpit.plugin.spi.CockpitPlugin}.
 */
public class ResultsCockpitPlugin extends AbstractCockpitPlugin {

    public static final String ID = "samlarande-results";

    @Override
    public String getId() {
        return ID;
    }

    @Override
    public Set<Class<?>> getResourceClasses() {
        return Set.of(ResultsCockpitPluginRootResource.class);
    }
}
