package dev.liaison.web.openapi;

import dev.liaison.web.problem.Problem;
import dev.liaison.web.security.RequiredRoles;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.core.MediaType;
import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.parameters.Parameter;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.models.security.SecurityScheme;

/**
 * Completes the document SmallRye builds from the resources: every operation lists the error statuses its shape
 * can lead to ({@link ErrorStatuses}) next to the ones its resource declares with {@code @APIResponse}, every error
 * response is a problem document, and signed-in operations name the security schemes with the roles they need.
 * <p>
 * The roles are read from the resource method itself, found by its operation id: microprofile-config.properties
 * has SmallRye name operations {@code package.Class_method}, and this filter shortens them to
 * {@code Class_method} once it has found the method. Public because SmallRye instantiates it by reflection.
 */
public class ProblemResponsesFilter implements OASFilter {

    static final String PROBLEM_SCHEMA = "Problem";
    static final String BASIC = "basic";
    static final String BEARER = "bearer";

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        Components components = openAPI.getComponents() == null ? OASFactory.createComponents()
                : openAPI.getComponents();
        components.addSchema(PROBLEM_SCHEMA, problemSchema());
        components.addSecurityScheme(BASIC, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("basic").description("An embedded user's name and password, or an API key: the key id as "
                        + "the user name and the key secret as the password"));
        components.addSecurityScheme(BEARER, OASFactory.createSecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").bearerFormat("JWT").description("An access token from Liaison's Keycloak realm"));
        openAPI.setComponents(components);
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) ->
                item.getOperations().values().forEach(operation -> complete(path, operation)));
    }

    private static void complete(String path, Operation operation) {
        Optional<Method> resourceMethod = resourceMethod(operation.getOperationId());
        resourceMethod.ifPresent(method -> operation.setOperationId(
                method.getDeclaringClass().getSimpleName() + "_" + method.getName()));
        List<Parameter> parameters = operation.getParameters() == null ? List.of() : operation.getParameters();
        List<String> roles = resourceMethod.map(RequiredRoles::of).orElse(List.of());
        OperationShape shape = new OperationShape(path,
                parameters.stream().anyMatch(parameter -> parameter.getIn() == Parameter.In.PATH),
                !parameters.isEmpty(), operation.getRequestBody() != null,
                resourceMethod.map(ProblemResponsesFilter::checksContentType).orElse(false), roles);

        APIResponses responses = operation.getResponses() == null ? OASFactory.createAPIResponses()
                : operation.getResponses();
        for (DocumentedStatus status : ErrorStatuses.of(shape)) {
            if (!responses.hasAPIResponse(status.code())) {
                responses.addAPIResponse(status.code(),
                        OASFactory.createAPIResponse().description(status.description()));
            }
        }
        responses.getAPIResponses().forEach((code, response) -> {
            if (isError(code) && response.getContent() == null) {
                response.setContent(problemContent());
            }
        });
        operation.setResponses(responses);
        if (shape.signedIn()) {
            operation.setSecurity(List.of(requirement(BASIC, roles), requirement(BEARER, roles)));
        }
    }

    /** The resource method behind an operation id of the form {@code package.Class_method}. */
    private static Optional<Method> resourceMethod(String operationId) {
        int separator = operationId == null ? -1 : operationId.lastIndexOf('_');
        if (separator < 0) {
            return Optional.empty();
        }
        try {
            Class<?> resource = Class.forName(operationId.substring(0, separator), false,
                    ProblemResponsesFilter.class.getClassLoader());
            String name = operationId.substring(separator + 1);
            return Arrays.stream(resource.getMethods())
                    .filter(method -> method.getName().equals(name))
                    .filter(ProblemResponsesFilter::isResourceMethod)
                    .findFirst();
        } catch (ClassNotFoundException e) {
            return Optional.empty();
        }
    }

    private static boolean isResourceMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    /** RESTEasy refuses a body of another type with 415 when the method or its class names what it consumes. */
    private static boolean checksContentType(Method method) {
        Consumes consumes = method.getAnnotation(Consumes.class);
        if (consumes == null) {
            consumes = method.getDeclaringClass().getAnnotation(Consumes.class);
        }
        return consumes != null && !List.of(consumes.value()).contains(MediaType.WILDCARD);
    }

    private static boolean isError(String code) {
        return code.startsWith("4") || code.startsWith("5");
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(PROBLEM_SCHEMA)));
    }

    private static SecurityRequirement requirement(String scheme, List<String> roles) {
        return OASFactory.createSecurityRequirement().addScheme(scheme, roles);
    }

    private static Schema problemSchema() {
        Schema text = OASFactory.createSchema().addType(Schema.SchemaType.STRING);
        Schema fieldError = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .properties(Map.of("field", text, "message", text)).required(List.of("field", "message"));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("An RFC 9457 problem document; the README lists every type")
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("urn:liaison:problem: and a slug such as validation or forbidden"))
                .addProperty("title", text)
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", text)
                .addProperty("instance", text)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING)
                        .description("The first offending input, as in errors"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(fieldError))
                .required(List.of("type", "title", "status"));
    }
}
