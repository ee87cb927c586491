package io.oven.workflows.tracking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oven.workflows.jdbc.PostgresText;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Builds the CSV text of a COPY, the cheap way: JSON is written straight into the CSV (with
 * its quotes doubled) by one generator per batch, and timestamps reuse the formatted second
 * they share with the rows before them. One instance per writer thread; not thread-safe.
 */
final class CopyRows {

    private final StringBuilder text = new StringBuilder(64 * 1024);
    private final JsonGenerator json;
    private boolean lineStarted;
    private long cachedSecond = Long.MIN_VALUE;
    private String cachedPrefix;

    CopyRows(ObjectMapper mapper) {
        JsonFactory factory = mapper.getFactory().copy().setRootValueSeparator(null);
        try {
            json = factory.createGenerator(new QuoteDoublingWriter(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        json.setCodec(mapper);
    }

    void reset() {
        text.setLength(0);
        lineStarted = false;
    }

    String text() {
        return text.toString();
    }

    boolean isEmpty() {
        return text.isEmpty();
    }

    CopyRows value(Object value) {
        separator();
        if (value != null) {
            text.append('"');
            String s = PostgresText.text(value.toString());
            if (s.indexOf('"') < 0) {
                text.append(s);
            } else {
                text.append(s.replace("\"", "\"\""));
            }
            text.append('"');
        }
        return this;
    }

    CopyRows json(JsonNode node) {
        separator();
        if (node != null) {
            text.append('"');
            int start = text.length();
            try {
                json.writeTree(node);
                json.flush();
                if (PostgresText.mayHoldNul(text, start)) {
                    // jsonb refuses \u0000: write the value again without it, rather than fail the batch.
                    text.setLength(start);
                    json.writeTree(PostgresText.json(node));
                    json.flush();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            text.append('"');
        }
        return this;
    }

    /** A timestamptz in ISO form; the date and time to the second is formatted once per second. */
    CopyRows time(Instant instant) {
        separator();
        if (instant != null) {
            long second = instant.getEpochSecond();
            if (second != cachedSecond) {
                cachedSecond = second;
                cachedPrefix = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).toString().replace('T', ' ');
                if (cachedPrefix.length() == 16) {
                    cachedPrefix += ":00";
                }
            }
            int micros = instant.getNano() / 1000;
            text.append(cachedPrefix).append('.');
            String digits = Integer.toString(micros);
            for (int i = digits.length(); i < 6; i++) {
                text.append('0');
            }
            text.append(digits).append("+00");
        }
        return this;
    }

    void endRow() {
        text.append('\n');
        lineStarted = false;
    }

    private void separator() {
        if (lineStarted) {
            text.append(',');
        }
        lineStarted = true;
    }

    /** Appends what the generator writes, doubling each quote as CSV wants inside a quoted field. */
    private static final class QuoteDoublingWriter extends Writer {
        private final StringBuilder out;

        QuoteDoublingWriter(StringBuilder out) {
            this.out = out;
        }

        @Override
        public void write(char[] chars, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = chars[i];
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
        }

        @Override
        public void write(String s, int off, int len) {
            for (int i = off; i < off + len; i++) {
                char c = s.charAt(i);
                if (c == '"') {
                    out.append('"');
                }
                out.append(c);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
