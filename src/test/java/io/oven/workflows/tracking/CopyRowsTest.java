package io.oven.workflows.tracking;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class CopyRowsTest {

    final ObjectMapper mapper = new ObjectMapper();

    @Test
    void writesNullsAsEmptyFieldsAndQuotesEverythingElse() throws Exception {
        CopyRows rows = new CopyRows(mapper);

        rows.value(7L).value(null).value("say \"hi\"").json(mapper.readTree("{\"a\":\"b\\\"c\"}")).json(null).endRow();

        assertThat(rows.text()).isEqualTo("\"7\",,\"say \"\"hi\"\"\",\"{\"\"a\"\":\"\"b\\\"\"c\"\"}\",\n");
    }

    @Test
    void formatsTimestampsForPostgresWithMicroseconds() {
        CopyRows rows = new CopyRows(mapper);

        rows.time(Instant.parse("2026-11-26T05:35:00.000042Z")).time(Instant.parse("2026-11-26T05:35:00.5Z")).endRow();
        rows.time(Instant.parse("2026-11-26T05:36:07.123456Z")).endRow();

        assertThat(rows.text()).isEqualTo("2026-11-26 05:35:00.000042+00,2026-11-26 05:35:00.500000+00\n"
                + "2026-11-26 05:36:07.123456+00\n");
    }

    @Test
    void startsEmptyAgainAfterAReset() {
        CopyRows rows = new CopyRows(mapper);
        rows.value("x").endRow();

        rows.reset();

        assertThat(rows.isEmpty()).isTrue();
        rows.value("y").endRow();
        assertThat(rows.text()).isEqualTo("\"y\"\n");
    }
}
