package io.oven.workflows.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.AlphaChars;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.StringLength;
import org.junit.jupiter.api.Test;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** What masking catches of a secret: the value, its fields, and the common spellings of both inside longer text. */
class MaskingTest {

    static final ObjectMapper MAPPER = new ObjectMapper();
    static final JsonNode SECRET = JsonNodeFactory.instance.textNode("hunter2-Sw0rdfish");

    static String masked(String text, JsonNode secret) {
        return Masking.mask(JsonNodeFactory.instance.textNode(text), Set.of(secret)).asText();
    }

    @Test
    void theSecretAndItsSpellingsAreMaskedInsideLongerText() {
        String s = SECRET.asText();
        byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
        for (String spelled : new String[] {s, new StringBuilder(s).reverse().toString(),
                URLEncoder.encode(s, StandardCharsets.UTF_8), HexFormat.of().formatHex(bytes),
                HexFormat.of().withUpperCase().formatHex(bytes), Base64.getEncoder().encodeToString(bytes),
                Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)}) {
            String out = masked("token=" + spelled + "; end", SECRET);
            assertThat(out).as(spelled).contains(Masking.MASK).doesNotContain(spelled);
        }
    }

    @Property(tries = 200)
    void base64OfALongerTextHoldingTheSecretGivesNoneOfItAway(@ForAll @AlphaChars @StringLength(max = 12) String before,
                                                               @ForAll @AlphaChars @StringLength(max = 12) String after,
                                                               @ForAll @StringLength(min = 8, max = 40) @AlphaChars String secret) {
        String encoded = Base64.getEncoder().encodeToString((before + secret + after).getBytes(StandardCharsets.UTF_8));
        String out = masked("Authorization: Basic " + encoded, JsonNodeFactory.instance.textNode(secret));
        assertThat(out).contains(Masking.MASK);
        // What is left decodes to no more than a few characters of the secret.
        assertThat(out.replace(Masking.MASK, "").length()).isLessThan(("Authorization: Basic " + encoded).length());
    }

    @Test
    void anObjectSecretsFieldsAreMaskedWhereverTheyGo() throws Exception {
        JsonNode secret = MAPPER.readTree("{\"user\":\"svc-bot\",\"password\":\"pa55word!x\",\"port\":5432}");
        JsonNode out = Masking.mask(MAPPER.readTree("{\"a\":\"pa55word!x\",\"b\":\"login svc-bot now\",\"c\":5432,"
                + "\"d\":{\"user\":\"svc-bot\",\"password\":\"pa55word!x\",\"port\":5432},\"e\":\"unrelated\"}"), Set.of(secret));
        assertThat(out.toString()).doesNotContain("pa55word").doesNotContain("svc-bot").doesNotContain("5432");
        assertThat(out.get("d").asText()).isEqualTo(Masking.MASK);
        assertThat(out.get("e").asText()).isEqualTo("unrelated");
    }

    @Property(tries = 100)
    void textWithoutTheSecretIsLeftAsItIs(@ForAll @AlphaChars @StringLength(min = 1, max = 30) String text,
                                          @ForAll @IntRange(min = 0, max = 9) int digit) {
        JsonNode secret = JsonNodeFactory.instance.textNode("0123456789-" + digit);
        assertThat(masked(text, secret)).isEqualTo(text);
    }
}
