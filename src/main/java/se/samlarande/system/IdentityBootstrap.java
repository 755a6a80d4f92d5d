package se.samlarande.system;

import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import java.util.Map;

import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.User;
import org.camunda.bpm.engine.task.TaskQuery;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sets up, idempotently at every start: the staff groups, their authorizations, and a Tasklist filter per group.
 * On the embedded default ({@code samlarande.demo-users=true}) also the demo users listed in the README.
 * The admin user and group {@code camunda-admin} come from {@code camunda.bpm.admin-user}.
 */
@Component
class IdentityBootstrap {

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    static final String COORDINATORS = "coordinators";
    static final String HOSTS = "hosts";
    static final String PROCESS_OWNERS = "process-owners";
    static final String PROCESS_KEY = "visit";

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final FilterService filters;
    private final TaskService tasks;
    private final boolean demoUsers;
    private final String adminUserId;

    IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, FilterService filters,
            TaskService tasks, @Value("${samlarande.demo-users:false}") boolean demoUsers,
            @Value("${camunda.bpm.admin-user.id:}") String adminUserId) {
        this.identity = identity;
        this.authorizations = authorizations;
        this.filters = filters;
        this.tasks = tasks;
        this.demoUsers = demoUsers;
        this.adminUserId = adminUserId;
    }

    @EventListener(ApplicationReadyEvent.class)
    void setUp() {
        group(COORDINATORS, "Koordinatorer");
        group(HOSTS, "Värdar");
        group(PROCESS_OWNERS, "Processägare");

        for (String staff : List.of(COORDINATORS, HOSTS, PROCESS_OWNERS)) {
            grant(staff, Resources.USER, "*", Permissions.READ);
            grant(staff, Resources.GROUP, "*", Permissions.READ);
        }
        grant(COORDINATORS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(COORDINATORS, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.CREATE_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY);
        grant(COORDINATORS, Resources.PROCESS_INSTANCE, "*", Permissions.CREATE);
        grant(HOSTS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(HOSTS, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.READ);
        grant(PROCESS_OWNERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(PROCESS_OWNERS, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
        grant(PROCESS_OWNERS, Resources.PROCESS_DEFINITION, PROCESS_KEY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK);
        grant(PROCESS_OWNERS, Resources.PROCESS_INSTANCE, "*", Permissions.READ);
        grant(PROCESS_OWNERS, Resources.DEPLOYMENT, "*", Permissions.READ);

        filter("Mina uppgifter", "Uppgifter tilldelade mig", 0,
                tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}"), COORDINATORS, HOSTS, PROCESS_OWNERS);
        filter("Koordinatorer", "Uppgifter för koordinatorer: registrering, uppföljning, summering", -10,
                tasks.createTaskQuery().taskCandidateGroup(COORDINATORS).includeAssignedTasks(), COORDINATORS);
        filter("Värdar", "Uppgifter för värdenheten: program, värdskap, utvärdering", -10,
                tasks.createTaskQuery().taskCandidateGroup(HOSTS).includeAssignedTasks(), HOSTS);
        filter("Alla besök", "Alla öppna uppgifter i besöksprocessen", 10,
                tasks.createTaskQuery().processDefinitionKey(PROCESS_KEY), PROCESS_OWNERS);

        if (demoUsers) {
            demoUser("kim", "Kim", "Koordinator", "kim@samlarande.local", COORDINATORS);
            demoUser("hanna", "Hanna", "Värd", "hanna@samlarande.local", HOSTS);
            demoUser("per", "Per", "Processägare", "per@samlarande.local", PROCESS_OWNERS);
            if (!adminUserId.isBlank() && identity.createUserQuery().userId(adminUserId).count() == 1) {
                for (String group : List.of(COORDINATORS, HOSTS, PROCESS_OWNERS)) {
                    membership(adminUserId, group);
                }
            }
        }
    }

    private void group(String id, String name) {
        if (identity.createGroupQuery().groupId(id).count() == 0) {
            Group group = identity.newGroup(id);
            group.setName(name);
            group.setType("WORKFLOW");
            identity.saveGroup(group);
            log.info("Created group {}", id);
        }
    }

    private void demoUser(String id, String firstName, String lastName, String email, String group) {
        if (identity.createUserQuery().userId(id).count() == 0) {
            User user = identity.newUser(id);
            user.setFirstName(firstName);
            user.setLastName(lastName);
            user.setEmail(email);
            user.setPassword(id);
            identity.saveUser(user);
            log.info("Created demo user {} (password as the user id)", id);
        }
        membership(id, group);
    }

    private void membership(String userId, String groupId) {
        if (identity.createUserQuery().userId(userId).memberOfGroup(groupId).count() == 0) {
            identity.createMembership(userId, groupId);
        }
    }

    private void grant(String groupId, Resource resource, String resourceId, Permission... permissions) {
        Authorization existing = authorizations.createAuthorizationQuery().groupIdIn(groupId)
                .resourceType(resource).resourceId(resourceId).singleResult();
        Authorization authorization = existing != null ? existing : authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
        authorization.setGroupId(groupId);
        authorization.setResource(resource);
        authorization.setResourceId(resourceId);
        for (Permission permission : permissions) {
            authorization.addPermission(permission);
        }
        authorizations.saveAuthorization(authorization);
    }

    private void filter(String name, String description, int priority, TaskQuery query, String... groups) {
        Filter filter = filters.createFilterQuery().filterName(name).singleResult();
        if (filter == null) {
            filter = filters.newTaskFilter(name);
        }
        filter.setProperties(Map.of("description", description, "priority", priority, "refresh", true));
        filter.setQuery(query);
        filters.saveFilter(filter);
        for (String group : groups) {
            grant(group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
