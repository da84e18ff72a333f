package io.scribehook.scribe.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.queryparser.classic.ParseException;
import org.apache.lucene.queryparser.classic.QueryParser;
import org.apache.lucene.queryparser.classic.QueryParserConstants;
import org.apache.lucene.queryparser.classic.TokenMgrError;
import org.apache.lucene.search.Query;

/**
 * The query language: Lucene's classic syntax ({@code "phrase"}, {@code AND}/{@code OR}/{@code NOT},
 * {@code speaker:}, {@code section:}, {@code role:}, {@code kind:}, wildcards not leading), words
 * ANDed by default, multi-word synonyms as phrases. Errors name the problem and its position, never
 * the query's words.
 */
final class QueryText {
    static final int MAX_LENGTH = 1000;

    private QueryText() {}

    static Query parse(String text, Analyzer analyzer) throws QuerySyntaxException {
        if (text == null || text.isBlank()) {
            throw new QuerySyntaxException("the query is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new QuerySyntaxException("the query is longer than " + MAX_LENGTH + " characters");
        }
        QueryParser p = new QueryParser(IndexFields.TEXT, analyzer);
        p.setDefaultOperator(QueryParser.Operator.AND);
        p.setSplitOnWhitespace(false);
        p.setAutoGenerateMultiTermSynonymsPhraseQuery(true);
        try {
            return p.parse(text);
        } catch (ParseException e) {
            throw new QuerySyntaxException(problem(text, e));
        }
    }

    private static String problem(String text, ParseException e) {
        if (count(text, '"') % 2 == 1) {
            return "the query does not parse: a quotation mark is not closed";
        }
        if (count(text, '(') != count(text, ')')) {
            return "the query does not parse: parentheses are unbalanced";
        }
        ParseException pe = e.getCause() instanceof ParseException c ? c : e;
        if (e.getCause() instanceof TokenMgrError) {
            return "the query does not parse: it has a character the syntax reserves (escape it with \\)";
        }
        if (pe.currentToken != null && pe.currentToken.next != null) {
            var next = pe.currentToken.next;
            String what = next.kind == QueryParserConstants.EOF
                    ? "the query ends where a term is expected"
                    : "unexpected " + QueryParserConstants.tokenImage[next.kind] + " at character " + next.beginColumn;
            return "the query does not parse: " + what;
        }
        String m = String.valueOf(e.getMessage());
        if (m.contains("not allowed as first character")) {
            return "the query does not parse: a term may not start with * or ?";
        }
        return "the query does not parse (Lucene classic syntax: words, \"phrases\", AND, OR, NOT, field:word)";
    }

    private static int count(String s, char c) {
        int n = 0;
        boolean escaped = false;
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (escaped) {
                escaped = false;
            } else if (ch == '\\') {
                escaped = true;
            } else if (ch == c) {
                n++;
            }
        }
        return n;
    }
}
