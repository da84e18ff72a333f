package io.scribehook.scribe.note.llm;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns a model's raw answer into the JSON object it was asked for: drops {@code <think>} blocks
 * and code fences, takes the outermost JSON object, and repairs small faults (trailing commas, raw
 * line breaks in strings, typographic quotes). Anything else is rejected with a reason that never
 * quotes the answer.
 */
final class AnswerJson {

    /** The answer's JSON object, or why there is none. */
    sealed interface Result {
        /** @param repaired whether a repair was needed */
        record Parsed(ObjectNode object, boolean repaired) implements Result {}

        /** @param reason what is wrong, without quoting the answer */
        record Rejected(String reason) implements Result {}
    }

    private static final Pattern THINK_BLOCK =
            Pattern.compile("<think(?:ing)?>.*?</think(?:ing)?>", Pattern.DOTALL | Pattern.CASE_INSENSITIVE);
    private static final Pattern THINK_OPEN = Pattern.compile("<think(?:ing)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern THINK_CLOSE = Pattern.compile("</think(?:ing)?>", Pattern.CASE_INSENSITIVE);
    private static final Pattern FENCE = Pattern.compile("```[A-Za-z0-9_-]*[ \\t]*\\r?\\n?|```");
    private static final Pattern TRAILING_COMMA = Pattern.compile(",(\\s*[}\\]])");

    private static final JsonMapper STRICT = JsonMapper.builder().build();
    private static final JsonMapper LENIENT = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_TRAILING_COMMA)
            .enable(JsonReadFeature.ALLOW_UNESCAPED_CONTROL_CHARS)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(JsonReadFeature.ALLOW_SINGLE_QUOTES)
            .build();

    private AnswerJson() {}

    static Result parse(String raw) {
        String text = withoutThinking(raw);
        text = FENCE.matcher(text).replaceAll("").strip();
        if (text.isEmpty()) {
            return new Result.Rejected("nothing but reasoning or fences in the answer");
        }
        String candidate = outermostObject(text);
        if (candidate == null) {
            return new Result.Rejected("no JSON object in the answer");
        }
        ObjectNode strict = read(STRICT, candidate);
        if (strict != null) {
            return new Result.Parsed(strict, false);
        }
        for (String repaired : repairs(candidate)) {
            ObjectNode node = read(LENIENT, repaired);
            if (node != null) {
                return new Result.Parsed(node, true);
            }
        }
        return new Result.Rejected("the JSON object cannot be read, even after repairs");
    }

    /**
     * Removes reasoning: closed {@code <think>} blocks; everything before a closing tag that was
     * never opened (servers that put the opening tag in the prompt); and an opening tag never
     * closed up to the JSON object that ends the answer, or to the end.
     */
    static String withoutThinking(String raw) {
        String text = THINK_BLOCK.matcher(raw).replaceAll("");
        Matcher close = THINK_CLOSE.matcher(text);
        if (close.find()) {
            text = text.substring(close.end());
        }
        Matcher open = THINK_OPEN.matcher(text);
        if (open.find()) {
            String before = text.substring(0, open.start());
            String after = text.substring(open.end());
            String trailing = trailingObject(after);
            text = before + (trailing == null ? "" : trailing);
        }
        return text;
    }

    /** From the first '{' to its matching '}', or to the last '}' when braces do not balance. */
    static String outermostObject(String text) {
        int start = text.indexOf('{');
        if (start < 0) {
            return null;
        }
        int end = matchingBrace(text, start);
        if (end < 0) {
            end = text.lastIndexOf('}');
        }
        return end < start ? null : text.substring(start, end + 1);
    }

    /** A balanced JSON object with which {@code text} ends, if any. */
    private static String trailingObject(String text) {
        String t = text.stripTrailing();
        if (!t.endsWith("}")) {
            return null;
        }
        for (int start = t.indexOf('{'); start >= 0; start = t.indexOf('{', start + 1)) {
            if (matchingBrace(t, start) == t.length() - 1) {
                return t.substring(start);
            }
        }
        return null;
    }

    /** The index of the brace closing the one at {@code start}, skipping strings; -1 if none. */
    private static int matchingBrace(String text, int start) {
        int depth = 0;
        boolean inString = false;
        for (int i = start; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                } else if (c == '"') {
                    inString = false;
                }
            } else if (c == '"') {
                inString = true;
            } else if (c == '{') {
                depth++;
            } else if (c == '}' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Ever bolder repairs, each tried in turn by a parser that allows trailing commas and raw line breaks. */
    private static List<String> repairs(String candidate) {
        String noTrailingCommas = TRAILING_COMMA.matcher(candidate).replaceAll("$1");
        String structuralQuotes = noTrailingCommas
                .replaceAll("(?<=[{\\[,:]\\s{0,20})[“”„]", "\"")
                .replaceAll("[“”„](?=\\s{0,20}[:,}\\]])", "\"");
        String allQuotes = noTrailingCommas.replaceAll("[“”„]", "\"");
        return List.of(noTrailingCommas, structuralQuotes, allQuotes);
    }

    private static ObjectNode read(JsonMapper mapper, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            return node instanceof ObjectNode object ? object : null;
        } catch (JsonProcessingException e) {
            return null;
        }
    }
}
