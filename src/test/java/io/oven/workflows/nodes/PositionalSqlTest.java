package io.oven.workflows.nodes;

import io.oven.workflows.kit.NodeFailure;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Oven's $1 placeholders become bound named ones, and only where they are placeholders. */
class PositionalSqlTest {

    @Test
    void placeholdersBecomeNamedOnes() {
        assertThat(PositionalSql.named("select * from players where id = $1 and level > $2", 2))
                .isEqualTo("select * from players where id = :p1 and level > :p2");
        assertThat(PositionalSql.named("select $1::int + $1::int", 1)).isEqualTo("select :p1::int + :p1::int");
    }

    @Test
    void literalsIdentifiersCommentsAndDollarQuotesStayAsWritten() {
        String sql = "select '$1', 'it''s $2', \"$3\" -- $4\n, $1 /* $5 */ , $$ $6 $$, $tag$ $7 $tag$";
        assertThat(PositionalSql.named(sql, 1))
                .isEqualTo("select '$1', 'it''s $2', \"$3\" -- $4\n, :p1 /* $5 */ , $$ $6 $$, $tag$ $7 $tag$");
    }

    @Test
    void aPlaceholderWithoutAValueFailsNamingIt() {
        assertThatThrownBy(() -> PositionalSql.named("select $3", 2)).isInstanceOf(NodeFailure.class)
                .hasMessageContaining("$3").hasMessageContaining("params has 2");
        assertThatThrownBy(() -> PositionalSql.named("select $0", 2)).isInstanceOf(NodeFailure.class);
        assertThatThrownBy(() -> PositionalSql.named("select $99999999999", 2)).isInstanceOf(NodeFailure.class);
    }
}
