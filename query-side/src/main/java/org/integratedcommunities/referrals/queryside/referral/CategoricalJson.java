package org.integratedcommunities.referrals.queryside.referral;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The categorical values of events (facts, outcomes, timeline details) as the JSON the read model stores, and back.
 *
 * <p>Written deterministically: the vocabularies' sets (needs, modes, categories, actions) come out of events in no
 * fixed order, so every array of plain strings is sorted. The same events then always give the same rows, which is
 * what makes a replay's read models identical to the ones it replaces.
 */
@Component
class CategoricalJson {

    private final ObjectMapper mapper;

    CategoricalJson(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    String write(Object value) {
        if (value == null) {
            return null;
        }
        JsonNode tree = mapper.valueToTree(value);
        sortStringArrays(tree);
        try {
            return mapper.writeValueAsString(tree);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Categorical values could not be written as JSON", e);
        }
    }

    <T> T read(String json, Class<T> type) {
        if (json == null) {
            return null;
        }
        try {
            return mapper.readValue(json, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored categorical values are not a " + type.getSimpleName(), e);
        }
    }

    JsonNode tree(String json) {
        if (json == null) {
            return mapper.createObjectNode();
        }
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Stored categorical values are not JSON", e);
        }
    }

    private static void sortStringArrays(JsonNode node) {
        if (node instanceof ObjectNode object) {
            for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
                sortStringArrays(fields.next().getValue());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(CategoricalJson::sortStringArrays);
            boolean allText = array.size() > 1;
            for (JsonNode element : array) {
                allText &= element.isTextual();
            }
            if (allText) {
                List<JsonNode> sorted = new ArrayList<>();
                array.forEach(sorted::add);
                sorted.sort(Comparator.comparing(JsonNode::textValue));
                array.removeAll();
                array.addAll(sorted);
            }
        }
    }
}
