package dev.liaison.scenario.routing;

import jakarta.el.ArrayELResolver;
import jakarta.el.BeanELResolver;
import jakarta.el.CompositeELResolver;
import jakarta.el.ELContext;
import jakarta.el.ELException;
import jakarta.el.ELManager;
import jakarta.el.ELResolver;
import jakarta.el.FunctionMapper;
import jakarta.el.ImportHandler;
import jakarta.el.ListELResolver;
import jakarta.el.MapELResolver;
import jakarta.el.MethodNotFoundException;
import jakarta.el.PropertyNotWritableException;
import jakarta.el.ValueExpression;
import jakarta.el.VariableMapper;
import java.lang.reflect.Method;
import java.util.Collection;
import java.util.Map;
import java.util.Set;

/**
 * The only EL context conditions and {@code ${...}} blanks are evaluated in: it can read the variables it is given,
 * the keys of maps and the items of lists and arrays, and call a short list of pure methods on strings, collections,
 * maps and EL's own streams. Nothing else resolves: no classes (so no {@code Runtime}, {@code System}, {@code Math}
 * or {@code Boolean.TRUE}), no static fields or methods, no bean properties (so no {@code getClass()} through
 * {@code .class}), no functions, no variables defined by the expression and no assignment.
 *
 * <p>This is the runtime half of the sandbox; {@link ConditionCompiler} refuses the same things when a rule is
 * uploaded, with its line. The two are kept apart on purpose: if the compiler's scan of the text is ever fooled, the
 * evaluation still cannot reach the JVM.
 */
final class FactsELContext extends ELContext {

    /** The methods a condition may call, by the kind of value they are called on. {@link #allowed} reads them. */
    static final Set<String> STRING_METHODS = Set.of("contains", "startsWith", "endsWith", "indexOf", "isEmpty",
            "isBlank", "length", "toLowerCase", "toUpperCase", "trim", "strip", "substring", "equalsIgnoreCase");
    static final Set<String> COLLECTION_METHODS = Set.of("contains", "isEmpty", "size", "stream");
    static final Set<String> MAP_METHODS = Set.of("containsKey", "isEmpty", "size");
    static final Set<String> STREAM_METHODS = Set.of("filter", "map", "distinct", "sorted", "limit", "anyMatch",
            "allMatch", "noneMatch", "count", "sum", "average", "min", "max", "findFirst", "toList");
    static final Set<String> OPTIONAL_METHODS = Set.of("isPresent", "get", "orElse");

    /**
     * EL's collection operations ({@code deals.stream().anyMatch(d -> ...)}) return the implementation's own stream
     * and optional, whose methods only run EL lambdas. They are recognised by name: WildFly ships Expressly, and
     * under another implementation streams would be refused rather than let through.
     */
    private static final String EL_STREAM = "org.glassfish.expressly.stream.Stream";
    private static final String EL_OPTIONAL = "org.glassfish.expressly.stream.Optional";

    private static final ELResolver FIXED_RESOLVERS = fixedResolvers();
    private static final FunctionMapper NO_FUNCTIONS = new FunctionMapper() {
        @Override
        public Method resolveFunction(String prefix, String localName) {
            return null;
        }
    };
    private static final VariableMapper NO_VARIABLES = new VariableMapper() {
        @Override
        public ValueExpression resolveVariable(String variable) {
            return null;
        }

        @Override
        public ValueExpression setVariable(String variable, ValueExpression expression) {
            throw new ELException("a condition cannot define variables");
        }
    };

    private static final ImportHandler NO_IMPORTS = new NoImports();

    private final ELResolver resolver;

    /** The variables should be unmodifiable maps, lists and plain values: they are read as they are. */
    FactsELContext(Map<String, Object> variables) {
        CompositeELResolver chain = new CompositeELResolver();
        chain.add(new VariablesResolver(variables));
        chain.add(FIXED_RESOLVERS);
        this.resolver = chain;
    }

    @Override
    public ELResolver getELResolver() {
        return resolver;
    }

    @Override
    public FunctionMapper getFunctionMapper() {
        return NO_FUNCTIONS;
    }

    @Override
    public VariableMapper getVariableMapper() {
        return NO_VARIABLES;
    }

    @Override
    public ImportHandler getImportHandler() {
        return NO_IMPORTS;
    }

    static boolean allowed(Object base, String method) {
        if (base instanceof String) {
            return STRING_METHODS.contains(method);
        }
        if (base instanceof Collection) {
            return COLLECTION_METHODS.contains(method);
        }
        if (base instanceof Map) {
            return MAP_METHODS.contains(method);
        }
        String type = base == null ? "" : base.getClass().getName();
        return type.equals(EL_STREAM) && STREAM_METHODS.contains(method)
                || type.equals(EL_OPTIONAL) && OPTIONAL_METHODS.contains(method);
    }

    private static ELResolver fixedResolvers() {
        CompositeELResolver chain = new CompositeELResolver();
        chain.add(new AllowedMethodsResolver());
        chain.add(new MapELResolver(true));
        chain.add(new ListELResolver(true));
        chain.add(new ArrayELResolver(true));
        return chain;
    }

    /**
     * The default import handler imports {@code java.lang}, which is how {@code Runtime.getRuntime()} resolved; this
     * one knows no class and takes no import.
     */
    private static final class NoImports extends ImportHandler {

        @Override
        public void importStatic(String name) {
            throw new ELException("a condition cannot import");
        }

        @Override
        public void importClass(String name) {
            throw new ELException("a condition cannot import");
        }

        /** Ignored rather than refused: the base constructor imports {@code java.lang} through it. */
        @Override
        public void importPackage(String packageName) {
        }

        @Override
        public Class<?> resolveClass(String name) {
            return null;
        }

        @Override
        public Class<?> resolveStatic(String name) {
            return null;
        }
    }

    /** The top-level names: exactly the variables given, read-only. */
    private static final class VariablesResolver extends ELResolver {

        private final Map<String, Object> variables;

        VariablesResolver(Map<String, Object> variables) {
            this.variables = variables;
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            if (base == null && property instanceof String name && variables.containsKey(name)) {
                context.setPropertyResolved(null, property);
                return variables.get(name);
            }
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            if (base == null && property instanceof String name && variables.containsKey(name)) {
                context.setPropertyResolved(null, property);
            }
            // Null, as for any read-only property: nothing may be written here.
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
            if (base == null) {
                throw new PropertyNotWritableException("a condition cannot assign");
            }
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            if (base == null) {
                context.setPropertyResolved(null, property);
            }
            return true;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return base == null ? String.class : null;
        }
    }

    /**
     * Method calls: only those {@link #allowed} lets through, and no property reads at all. {@code stream()} goes to
     * the implementation's stream resolver, the rest to a bean resolver that is only ever asked to invoke.
     */
    private static final class AllowedMethodsResolver extends ELResolver {

        private final ELResolver streams = ELManager.getExpressionFactory().getStreamELResolver();
        private final ELResolver methods = new BeanELResolver(true);

        @Override
        public Object invoke(ELContext context, Object base, Object method, Class<?>[] paramTypes, Object[] params) {
            String name = String.valueOf(method);
            if (!allowed(base, name)) {
                throw new MethodNotFoundException("a condition cannot call '" + name + "' on "
                        + (base == null ? "nothing" : "a " + base.getClass().getSimpleName()));
            }
            ELResolver target = base instanceof Collection && name.equals("stream") ? streams : methods;
            return target.invoke(context, base, method, paramTypes, params);
        }

        @Override
        public Object getValue(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public Class<?> getType(ELContext context, Object base, Object property) {
            return null;
        }

        @Override
        public void setValue(ELContext context, Object base, Object property, Object value) {
        }

        @Override
        public boolean isReadOnly(ELContext context, Object base, Object property) {
            return true;
        }

        @Override
        public Class<?> getCommonPropertyType(ELContext context, Object base) {
            return null;
        }
    }
}
