package dev.attache.acl;

import java.util.List;

/** Asks each authorizer in turn; the first that is not {@link Decision#DEFAULT} decides. */
public final class ChainedAuthorizer implements Authorizer {
    private final Authorizer[] chain;

    private ChainedAuthorizer(List<Authorizer> chain) {
        this.chain = chain.toArray(Authorizer[]::new);
    }

    public static Authorizer of(Authorizer... chain) {
        return new ChainedAuthorizer(List.of(chain));
    }

    public static Authorizer of(List<Authorizer> chain) {
        return new ChainedAuthorizer(List.copyOf(chain));
    }

    @Override
    public Decision check(Resource resource, AccessLevel level, String name) {
        for (Authorizer a : chain) {
            Decision d = a.check(resource, level, name);
            if (d != Decision.DEFAULT) {
                return d;
            }
        }
        return Decision.DEFAULT;
    }
}
