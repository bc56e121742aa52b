package dev.liaison.platform.workspace;

import jakarta.persistence.EntityManager;
import java.util.Map;
import org.hibernate.Session;
import org.hibernate.query.NativeQuery;

/**
 * SQL reads of the current workspace's rows, for the queries on the path of every profile lookup. Hibernate cannot
 * cache the plan of an HQL query while a filter is enabled, and {@code @TenantId} is one, so it translated each such
 * query to SQL again on every execution: a fifth of a lookup's CPU. SQL needs no translation; in exchange it names
 * the workspace itself, as {@code :workspace}, which this binds. The root workspace ({@link WorkspaceContext#ALL})
 * has no rows of its own, so a read under it fails rather than return nothing.
 */
public final class WorkspaceSql {

    private WorkspaceSql() {
    }

    /**
     * A query for entities of {@code type}, flushing pending changes to them first as an HQL query would; a query
     * that also reads another entity's table names it with {@link NativeQuery#addSynchronizedEntityClass}.
     */
    public static <T> NativeQuery<T> select(EntityManager entityManager, String sql, Class<T> type) {
        return entityManager.unwrap(Session.class).createNativeQuery(sql, type)
                .setParameter("workspace", workspace(sql))
                .addSynchronizedEntityClass(type);
    }

    /**
     * A query whose every row holds several entities, in the order given, each from the columns its alias injects
     * ({@code {p.*}}); pending changes to them are flushed first.
     */
    @SafeVarargs
    public static NativeQuery<Object[]> selectRows(EntityManager entityManager, String sql,
                                                   Map.Entry<String, Class<?>>... entitiesByAlias) {
        @SuppressWarnings("unchecked")
        NativeQuery<Object[]> query = entityManager.unwrap(Session.class).createNativeQuery(sql);
        for (Map.Entry<String, Class<?>> entity : entitiesByAlias) {
            query.addEntity(entity.getKey(), entity.getValue()).addSynchronizedEntityClass(entity.getValue());
        }
        return query.setParameter("workspace", workspace(sql));
    }

    private static String workspace(String sql) {
        String workspace = WorkspaceContext.current();
        if (WorkspaceContext.ALL.equals(workspace)) {
            throw new IllegalStateException("a workspace read needs one workspace, not all of them: " + sql);
        }
        return workspace;
    }
}
