package dev.attache.cluster.impl;

import io.atomix.core.AtomixRegistry;
import io.atomix.primitive.PrimitiveType;
import io.atomix.utils.NamedType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Atomix's classpath registry, with this server's bound {@link AclPrimitive.Type} in place of the scanned one. */
final class AclRegistry implements AtomixRegistry {
    private final AtomixRegistry base;
    private final AclPrimitive.Type acl;

    AclRegistry(AtomixRegistry base, AclPrimitive.Type acl) {
        this.base = base;
        this.acl = acl;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends NamedType> Collection<T> getTypes(Class<T> type) {
        Collection<T> types = base.getTypes(type);
        if (type != PrimitiveType.class) {
            return types;
        }
        List<T> out = new ArrayList<>();
        for (T t : types) {
            if (!AclPrimitive.TYPE_NAME.equals(t.name())) {
                out.add(t);
            }
        }
        out.add((T) acl);
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T extends NamedType> T getType(Class<T> type, String name) {
        if (type == PrimitiveType.class && AclPrimitive.TYPE_NAME.equals(name)) {
            return (T) acl;
        }
        return base.getType(type, name);
    }
}
