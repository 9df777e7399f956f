package dev.livetodos.infra;

import software.amazon.awscdk.assertions.Template;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Lookups in a synthesized template by the construct path that CDK's logical ids start with. */
final class TemplateQueries {

    private TemplateQueries() {
    }

    /** The one resource of this type whose logical id starts with the prefix (e.g. {@code LiveChangesConnectFunction}). */
    static String logicalId(Template template, String type, String prefix) {
        List<String> ids = template.findResources(type).keySet().stream().filter(id -> id.startsWith(prefix)).toList();
        assertThat(ids).as("%s starting with %s", type, prefix).hasSize(1);
        return ids.get(0);
    }

    static Map<String, Object> resource(Template template, String type, String prefix) {
        return template.findResources(type).get(logicalId(template, type, prefix));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> properties(Template template, String type, String prefix) {
        return (Map<String, Object>) resource(template, type, prefix).get("Properties");
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> environment(Template template, String functionPrefix) {
        Map<String, Object> function = properties(template, "AWS::Lambda::Function", functionPrefix);
        return (Map<String, Object>) ((Map<String, Object>) function.get("Environment")).get("Variables");
    }

    /** Every statement of every policy attached to the role whose logical id starts with the prefix. */
    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> statementsOfRole(Template template, String rolePrefix) {
        String role = logicalId(template, "AWS::IAM::Role", rolePrefix);
        List<Map<String, Object>> statements = new ArrayList<>();
        for (Map<String, Object> policy : template.findResources("AWS::IAM::Policy").values()) {
            Map<String, Object> properties = (Map<String, Object>) policy.get("Properties");
            if (((List<Object>) properties.get("Roles")).contains(Map.of("Ref", role))) {
                statements.addAll((List<Map<String, Object>>) ((Map<String, Object>) properties.get("PolicyDocument")).get("Statement"));
            }
        }
        return statements;
    }

    /** The actions a role may take, flattened over its statements. */
    @SuppressWarnings("unchecked")
    static List<String> actionsOfRole(Template template, String rolePrefix) {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> statement : statementsOfRole(template, rolePrefix)) {
            Object action = statement.get("Action");
            if (action instanceof List<?> list) {
                actions.addAll((List<String>) list);
            } else {
                actions.add((String) action);
            }
        }
        return actions;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    /** The logical ids that a value refers to with {@code Ref}, however deep. */
    static List<String> refsIn(Object value) {
        List<String> refs = new ArrayList<>();
        if (value instanceof Map<?, ?> map) {
            if (map.size() == 1 && map.get("Ref") instanceof String ref && !ref.startsWith("AWS::")) {
                refs.add(ref);
            }
            map.values().forEach(inner -> refs.addAll(refsIn(inner)));
        } else if (value instanceof List<?> list) {
            list.forEach(inner -> refs.addAll(refsIn(inner)));
        }
        return refs;
    }

    static Map<String, Object> ref(Template template, String type, String prefix) {
        return Map.of("Ref", logicalId(template, type, prefix));
    }

    static Map<String, Object> getAtt(Template template, String type, String prefix, String attribute) {
        return Map.of("Fn::GetAtt", List.of(logicalId(template, type, prefix), attribute));
    }
}
