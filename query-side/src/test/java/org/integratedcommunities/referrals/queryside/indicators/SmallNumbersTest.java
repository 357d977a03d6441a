package org.integratedcommunities.referrals.queryside.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.util.List;
import org.integratedcommunities.referrals.queryside.indicators.SmallNumbers.Cell;
import org.integratedcommunities.referrals.queryside.indicators.SmallNumbers.Table;
import org.junit.jupiter.api.Test;

class SmallNumbersTest {

    private static final SuppressedCount HIDDEN = new SuppressedCount(null, "<5", true);

    @Test
    void countsFromOneToFourArePublishedAsUnderFiveWithoutTheNumber() {
        for (long small = 1; small <= 4; small++) {
            assertThat(SmallNumbers.count(small)).as("%d", small).isEqualTo(HIDDEN);
        }
        assertThat(SmallNumbers.count(5)).isEqualTo(new SuppressedCount(5L, "5", false));
        assertThat(SmallNumbers.count(1234)).isEqualTo(new SuppressedCount(1234L, "1234", false));
    }

    @Test
    void zeroIsPublishedAsZero() {
        assertThat(SmallNumbers.count(0)).isEqualTo(new SuppressedCount(0L, "0", false));
        assertThat(SmallNumbers.isSmall(0)).isFalse();
    }

    @Test
    void aNegativeCountIsRefused() {
        assertThatThrownBy(() -> SmallNumbers.count(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Table().cell(-1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void everyCountHasTheSameJsonShapeAndASuppressedOneCarriesNoNumber() {
        ObjectMapper json = new ObjectMapper();
        JsonNode shown = json.valueToTree(SmallNumbers.count(12));
        assertThat(shown.toString()).isEqualTo("{\"count\":12,\"display\":\"12\",\"suppressed\":false}");
        JsonNode hidden = json.valueToTree(SmallNumbers.count(3));
        assertThat(hidden.toString()).isEqualTo("{\"display\":\"<5\",\"suppressed\":true}");
        assertThat(json.valueToTree(SmallNumbers.count(0)).toString())
                .isEqualTo("{\"count\":0,\"display\":\"0\",\"suppressed\":false}");
    }

    @Test
    void aMedianFromFewerThanFiveReferralsIsWithheld() {
        assertThat(SmallNumbers.medianHours(3.25, 4)).isEqualTo(new SuppressedFigure(null, "[c]", true));
        assertThat(SmallNumbers.medianHours(3.25, 5))
                .isEqualTo(new SuppressedFigure(new BigDecimal("3.3"), "3.3", false));
        assertThat(SmallNumbers.medianHours(null, 0)).isEqualTo(new SuppressedFigure(null, "[z]", false));
    }

    @Test
    void aPercentageOfFewerThanFiveReferralsIsWithheld() {
        assertThat(SmallNumbers.percent(3, 4)).isEqualTo(new SuppressedFigure(null, "[c]", true));
        assertThat(SmallNumbers.percent(0, 0)).isEqualTo(new SuppressedFigure(null, "[z]", false));
        assertThat(SmallNumbers.percent(4, 5)).isEqualTo(new SuppressedFigure(new BigDecimal("80"), "80", false));
        assertThat(SmallNumbers.percent(2, 6).value()).isEqualByComparingTo("33");
        assertThat(SmallNumbers.percent(4, 6).value()).as("rounded half up").isEqualByComparingTo("67");
        assertThatThrownBy(() -> SmallNumbers.percent(6, 5)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void whenExactlyOnePartIsSuppressedTheSmallestOtherNonZeroPartIsToo() {
        Table table = new Table();
        Cell small = table.cell(2);
        Cell zero = table.cell(0);
        Cell seven = table.cell(7);
        Cell six = table.cell(6);
        Cell total = table.cell(15);
        table.total(total, List.of(small, zero, seven, six));

        assertThat(table.publish(small)).isEqualTo(HIDDEN);
        assertThat(table.publish(six)).as("the smallest other non-zero part").isEqualTo(HIDDEN);
        assertThat(table.publish(zero)).as("a zero gives nothing away").isEqualTo(SmallNumbers.count(0));
        assertThat(table.publish(seven)).isEqualTo(SmallNumbers.count(7));
        assertThat(table.publish(total)).isEqualTo(SmallNumbers.count(15));
    }

    @Test
    void twoSuppressedPartsNeedNothingMore() {
        Table table = new Table();
        Cell one = table.cell(1);
        Cell three = table.cell(3);
        Cell nine = table.cell(9);
        Cell total = table.cell(13);
        table.total(total, List.of(one, three, nine));

        assertThat(table.publish(one)).isEqualTo(HIDDEN);
        assertThat(table.publish(three)).isEqualTo(HIDDEN);
        assertThat(table.publish(nine)).isEqualTo(SmallNumbers.count(9));
        assertThat(table.publish(total)).isEqualTo(SmallNumbers.count(13));
    }

    @Test
    void aTotalUnderFiveIsItselfSuppressed() {
        Table table = new Table();
        Cell three = table.cell(3);
        Cell zero = table.cell(0);
        Cell total = table.cell(3);
        table.total(total, List.of(three, zero));

        assertThat(table.publish(total)).isEqualTo(HIDDEN);
        assertThat(table.publish(three)).isEqualTo(HIDDEN);
        assertThat(table.publish(zero)).isEqualTo(SmallNumbers.count(0));
    }

    @Test
    void nothingSmallNothingSuppressed() {
        Table table = new Table();
        Cell five = table.cell(5);
        Cell eight = table.cell(8);
        Cell total = table.cell(13);
        table.total(total, List.of(five, eight));

        assertThat(List.of(table.publish(five), table.publish(eight), table.publish(total)))
                .noneMatch(SuppressedCount::suppressed);
    }

    @Test
    void ofEqualSmallestPartsTheFirstIsSuppressed() {
        Table table = new Table();
        Cell two = table.cell(2);
        Cell firstSix = table.cell(6);
        Cell secondSix = table.cell(6);
        Cell total = table.cell(14);
        table.total(total, List.of(two, firstSix, secondSix));

        assertThat(table.publish(firstSix)).isEqualTo(HIDDEN);
        assertThat(table.publish(secondSix)).isEqualTo(SmallNumbers.count(6));
    }

    @Test
    void aSuppressedTotalWhosePartsWouldAddUpToItGetsAPartSuppressed() {
        // The overall total's parts: two agencies' totals. One is small, so the other is suppressed to protect it;
        // that one's own parts would add up to it, so its smallest part goes too.
        Table table = new Table();
        Cell overall = table.cell(14);
        Cell agencyA = table.cell(3);
        Cell agencyB = table.cell(11);
        Cell b1 = table.cell(5);
        Cell b2 = table.cell(6);
        table.total(overall, List.of(agencyA, agencyB)).total(agencyB, List.of(b1, b2));

        assertThat(table.publish(agencyA)).isEqualTo(HIDDEN);
        assertThat(table.publish(agencyB)).isEqualTo(HIDDEN);
        assertThat(table.publish(b1)).isEqualTo(HIDDEN);
        assertThat(table.publish(b2)).isEqualTo(SmallNumbers.count(6));
        assertThat(table.publish(overall)).isEqualTo(SmallNumbers.count(14));
    }

    @Test
    void aCellSuppressedForOneTotalIsProtectedInEveryOtherTotalItIsPartOf() {
        // Rows are types, columns agencies: a 2x2 table with its row and column totals.
        //          A    B
        //   T1     2    6   =  8
        //   T2     7    9   = 16
        //          9   15
        Table table = new Table();
        Cell t1a = table.cell(2);
        Cell t1b = table.cell(6);
        Cell t2a = table.cell(7);
        Cell t2b = table.cell(9);
        Cell t1 = table.cell(8);
        Cell t2 = table.cell(16);
        Cell a = table.cell(9);
        Cell b = table.cell(15);
        table.total(t1, List.of(t1a, t1b))
                .total(t2, List.of(t2a, t2b))
                .total(a, List.of(t1a, t2a))
                .total(b, List.of(t1b, t2b));

        // t1a is small; t1b goes for row T1 and t2a for column A, then t2b for row T2 and column B.
        assertThat(List.of(t1a, t1b, t2a, t2b))
                .allSatisfy(cell -> assertThat(table.publish(cell)).isEqualTo(HIDDEN));
        assertThat(List.of(t1, t2, a, b)).noneMatch(cell -> table.publish(cell).suppressed());
    }

    @Test
    void aTableCannotGrowOnceItIsPublished() {
        Table table = new Table();
        Cell cell = table.cell(7);
        table.publish(cell);
        assertThatThrownBy(() -> table.cell(1)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> table.total(cell, List.of())).isInstanceOf(IllegalStateException.class);
    }
}
