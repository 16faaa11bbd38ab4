package com.creditledger.platform.openapi;

import com.creditledger.kernel.RejectionCode;
import com.creditledger.platform.security.ApiKeySecurity;
import com.creditledger.platform.security.EndpointRule;
import com.creditledger.platform.security.Role;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The OpenAPI document of a service ({@code /v3/api-docs}, Swagger UI at {@code /swagger-ui.html}):
 * springdoc derives paths and schemas from the controllers; this adds what it cannot see, from the
 * same table the security chain enforces: who may call each operation ({@code x-roles}, and in its
 * description), the bearer API key, and the RFC 9457 problem every refusal answers with, whose
 * {@code code} is one of the ledger's stable codes.
 */
@Configuration(proxyBeanMethods = false)
public class ApiDescription {

    private static final String BEARER = "apiKey";
    private static final String PROBLEM = "Problem";

    @Bean
    OpenApiCustomizer ledgerApiDescription(ApiKeySecurity.EndpointRules endpoints,
                                           @Value("${spring.application.name:credit-ledger}") String service) {
        return api -> {
            api.info(new Info().title("Credit Ledger — " + service).version("v1")
                    .description("Prepaid credit and usage billing. Every call carries `Authorization: Bearer <API key>`; "
                            + "each operation lists the roles that may call it (admins may call all)."));
            api.schemaRequirement(BEARER, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer"));
            api.addSecurityItem(new SecurityRequirement().addList(BEARER));
            Components components = api.getComponents() == null ? new Components() : api.getComponents();
            components.addSchemas(PROBLEM, problemSchema());
            api.components(components);
            if (api.getPaths() != null) {
                api.getPaths().forEach((path, item) -> describe(path, item, endpoints.rules()));
            }
        };
    }

    private static void describe(String path, PathItem item, List<EndpointRule> rules) {
        item.readOperationsMap().forEach((method, operation) -> {
            Set<Role> roles = rules.stream()
                    .filter(rule -> rule.pattern().equals(path) && rule.method().name().equals(method.name()))
                    .flatMap(rule -> rule.roles().stream())
                    .collect(Collectors.toCollection(() -> EnumSet.noneOf(Role.class)));
            roles.add(Role.ADMIN);
            List<String> names = roles.stream().map(Role::name).toList();
            operation.addExtension("x-roles", names);
            String who = "Roles: " + String.join(", ", names) + (roles.contains(Role.CUSTOMER)
                    ? " (a customer key only for its own account)." : ".");
            operation.setDescription(operation.getDescription() == null ? who : operation.getDescription() + "\n\n" + who);
            problem(operation, "400", "validation_failed (field named) or malformed_request");
            problem(operation, "401", "unauthenticated: no valid API key");
            problem(operation, "403", "forbidden: this key's role may not call it");
            problem(operation, "4XX", "any other refusal; `code` says which");
        });
    }

    private static void problem(Operation operation, String status, String description) {
        if (operation.getResponses() != null && !operation.getResponses().containsKey(status)) {
            operation.getResponses().addApiResponse(status, new ApiResponse().description(description)
                    .content(new Content().addMediaType("application/problem+json",
                            new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM)))));
        }
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        List<String> codes = Arrays.stream(RejectionCode.values()).map(RejectionCode::code).collect(Collectors.toList());
        codes.addAll(List.of("unauthenticated", "forbidden", "not_found", "method_not_allowed", "unsupported_media_type"));
        Map<String, Schema> properties = Map.of(
                "type", new StringSchema(), "title", new StringSchema(), "status", new IntegerSchema(),
                "detail", new StringSchema(), "instance", new StringSchema(),
                "code", new StringSchema()._enum(codes).description("stable, for programs: the status says the class"),
                "field", new StringSchema().description("the request field at fault, when there is one"));
        return new ObjectSchema().description("RFC 9457 problem details").properties(properties);
    }
}
