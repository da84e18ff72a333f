package io.scribehook.scribe.search;

import java.io.IOException;
import java.util.List;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.NumericDocValues;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SortedDocValues;

/**
 * The index's field names and how a hit's ids are read back from doc values. {@link #TEXT},
 * {@link #SPEAKER} and {@link #SECTION} are searchable words only (no stored value, no term
 * vectors); {@link #APPOINTMENT}, {@link #KIND} and {@link #ROLE} are searchable and doc values;
 * the rest are doc values only.
 */
final class IndexFields {
    static final String TEXT = "text";
    static final String SPEAKER = "speaker";
    static final String SECTION = "section";
    static final String APPOINTMENT = "appointment";
    static final String TRANSCRIPT = "transcript";
    static final String KIND = "kind";
    static final String ROLE = "role";
    static final String SEQ = "seq";
    static final String VERSION = "version";
    static final String START = "start";

    private IndexFields() {}

    record Row(PassageRef ref, float score, String role, long startMillis) {}

    static Row read(IndexReader reader, int doc, float score) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        LeafReaderContext leaf = leaves.get(ReaderUtil.subIndex(doc, leaves));
        int d = doc - leaf.docBase;
        LeafReader r = leaf.reader();
        PassageRef ref = new PassageRef(
                PassageRef.Kind.of(string(r, KIND, d)),
                string(r, APPOINTMENT, d),
                string(r, TRANSCRIPT, d),
                (int) number(r, SEQ, d, 0),
                (int) number(r, VERSION, d, 0));
        return new Row(ref, score, string(r, ROLE, d), number(r, START, d, -1));
    }

    private static String string(LeafReader r, String field, int doc) throws IOException {
        SortedDocValues v = DocValues.getSorted(r, field);
        return v.advanceExact(doc) ? v.lookupOrd(v.ordValue()).utf8ToString() : null;
    }

    private static long number(LeafReader r, String field, int doc, long absent) throws IOException {
        NumericDocValues v = DocValues.getNumeric(r, field);
        return v.advanceExact(doc) ? v.longValue() : absent;
    }
}
