package io.oven.workflows.jdbc;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oven.workflows.problem.Problem;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A react-admin (ra-data-simple-rest) list request: {@code sort=["field","ASC"]},
 * {@code range=[0,24]} (inclusive) and {@code filter={"q":"…"}}. Sort fields are checked
 * against what the resource allows, so a typo is a 400 rather than a silent default.
 */
public record ListQuery(String sortField, boolean ascending, int offset, int limit, ObjectNode filter) {

    public static final int MAX_PAGE = 1000;
    private static final Pattern HTTP_RANGE = Pattern.compile("[A-Za-z-]+=(\\d{1,9})-(\\d{1,9})");

    /**
     * @param sortColumns API field name → SQL column, the sorts this resource supports
     * @param defaultSort the API field to sort by when none is asked for
     */
    public static ListQuery parse(ObjectMapper mapper, String sort, String range, String filter,
                                  Map<String, String> sortColumns, String defaultSort, boolean defaultAscending) {
        String field = defaultSort;
        boolean ascending = defaultAscending;
        if (sort != null && !sort.isBlank()) {
            JsonNode s = json(mapper, sort, "sort");
            if (!s.isArray() || s.size() != 2 || !s.get(0).isTextual() || !s.get(1).isTextual()) {
                throw Problem.invalid("sort", "must be [\"field\",\"ASC\"|\"DESC\"]");
            }
            field = s.get(0).asText();
            if (!sortColumns.containsKey(field)) {
                throw Problem.invalid("sort", "cannot sort by '" + field + "'; use one of "
                        + sortColumns.keySet().stream().sorted().toList());
            }
            String order = s.get(1).asText().toUpperCase();
            if (!order.equals("ASC") && !order.equals("DESC")) {
                throw Problem.invalid("sort", "order must be ASC or DESC, not '" + s.get(1).asText() + "'");
            }
            ascending = order.equals("ASC");
        }
        int offset = 0;
        int limit = 25;
        if (range != null && !range.isBlank()) {
            // ra-data-simple-rest also sends the HTTP header "Range: workflows=0-24", which reaches
            // us under the same (case-insensitive) name as the range parameter: read both forms.
            Matcher header = HTTP_RANGE.matcher(range.trim());
            JsonNode r = header.matches()
                    ? mapper.createArrayNode().add(Long.parseLong(header.group(1))).add(Long.parseLong(header.group(2)))
                    : json(mapper, range, "range");
            if (!r.isArray() || r.size() != 2 || !r.get(0).canConvertToInt() || !r.get(1).canConvertToInt()
                    || !r.get(0).isIntegralNumber() || !r.get(1).isIntegralNumber()) {
                throw Problem.invalid("range", "must be [from, to] with whole numbers, e.g. [0,24]");
            }
            int from = r.get(0).intValue();
            int to = r.get(1).intValue();
            if (from < 0 || to < from) {
                throw Problem.invalid("range", "needs 0 <= from <= to, got [" + from + "," + to + "]");
            }
            if (to - from + 1 > MAX_PAGE) {
                throw Problem.invalid("range", "at most " + MAX_PAGE + " items per page");
            }
            offset = from;
            limit = to - from + 1;
        }
        ObjectNode filterNode = mapper.createObjectNode();
        if (filter != null && !filter.isBlank()) {
            JsonNode f = json(mapper, filter, "filter");
            if (!f.isObject()) {
                throw Problem.invalid("filter", "must be a JSON object, e.g. {\"q\":\"spawn\"}");
            }
            filterNode = (ObjectNode) f;
        }
        return new ListQuery(field, ascending, offset, limit, filterNode);
    }

    private static JsonNode json(ObjectMapper mapper, String text, String parameter) {
        try {
            return mapper.readTree(text);
        } catch (JsonProcessingException e) {
            throw Problem.invalid(parameter, "is not valid JSON: " + e.getOriginalMessage());
        }
    }

    /** The {@code Content-Range} header value for a page of this query. */
    public String contentRange(String resource, int returned, long total) {
        if (returned == 0) {
            return resource + " */" + total;
        }
        return resource + " " + offset + "-" + (offset + returned - 1) + "/" + total;
    }

    /** The ids of an {@code id} filter (one or an array): a 400 unless each is a whole number. */
    public static Long[] ids(JsonNode value) {
        List<Long> ids = new ArrayList<>();
        for (JsonNode one : value.isArray() ? value : List.of(value)) {
            if (!one.canConvertToLong()) {
                throw Problem.invalid("filter.id", "ids are whole numbers");
            }
            ids.add(one.asLong());
        }
        return ids.toArray(Long[]::new);
    }
}
