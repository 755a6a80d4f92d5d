package se.samlarande.system;

import jakarta.ws.rs.Path;

import org.camunda.bpm.cockpit.plugin.resource.AbstractCockpitPluginRootResource;

/** Serves the plugin's front-end module ({@code app/plugin.js}, {@code app/plugin.css}) under Cockpit's API. */
@Path("plugin/" + ResultsCockpitPlugin.ID)
public class ResultsCockpitPluginRootResource extends AbstractCockpitPluginRootResource {

    public ResultsCockpitPluginRootResource() {
        super(ResultsCockpitPlugin.ID);
    }
}
