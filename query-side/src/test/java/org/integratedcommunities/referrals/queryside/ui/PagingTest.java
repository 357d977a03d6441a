package org.integratedcommunities.referrals.queryside.ui;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

class PagingTest {

    @Test
    void anExactTotalHasItsPagesAndNoNextPageAfterTheLast() {
        Paging first = Paging.of(exchange("/cases?status=OPEN"), 1, 60);
        assertThat(first.totalIsExact()).isTrue();
        assertThat(first.pages()).isEqualTo(3);
        assertThat(first.from()).isEqualTo(1);
        assertThat(first.to()).isEqualTo(25);
        assertThat(first.previous()).isNull();
        assertThat(first.next()).isEqualTo("/cases?status=OPEN&page=2");
        assertThat(first.showing("cases")).isEqualTo("Showing 1 to 25 of 60 cases");
        assertThat(first.where()).isEqualTo("Page 1 of 3");

        Paging last = Paging.of(exchange("/cases?status=OPEN&page=3"), 3, 60);
        assertThat(last.from()).isEqualTo(51);
        assertThat(last.to()).isEqualTo(60);
        assertThat(last.previous()).isEqualTo("/cases?status=OPEN&page=2");
        assertThat(last.next()).isNull();
        assertThat(last.where()).isEqualTo("Page 3 of 3");

        Paging none = Paging.of(exchange("/cases"), 1, 0);
        assertThat(none.pages()).isEqualTo(1);
        assertThat(none.from()).isZero();
        assertThat(none.to()).isZero();
        assertThat(none.next()).isNull();
    }

    @Test
    void aTotalThatIsALowerBoundSaysMoreThanAndAlwaysHasANextPage() {
        Paging first = Paging.of(exchange("/inbox?status=RAISED"), 1, 1_000, false);
        assertThat(first.totalIsExact()).isFalse();
        assertThat(first.from()).isEqualTo(1);
        assertThat(first.to()).isEqualTo(25);
        assertThat(first.pages())
                .as("more than 1,000 referrals: more than 40 whole pages")
                .isEqualTo(40);
        assertThat(first.previous()).isNull();
        assertThat(first.next()).isEqualTo("/inbox?status=RAISED&page=2");
        assertThat(first.showing("referrals")).isEqualTo("Showing 1 to 25 of more than 1,000 referrals");
        assertThat(first.where()).isEqualTo("Page 1 of more than 40");

        // Counted from page 41's start: more than 2,000, so more than 80 pages, and a next one.
        Paging later = Paging.of(exchange("/inbox?page=41"), 41, 2_000, false);
        assertThat(later.from()).isEqualTo(1_001);
        assertThat(later.to()).isEqualTo(1_025);
        assertThat(later.previous()).isEqualTo("/inbox?page=40");
        assertThat(later.next()).isEqualTo("/inbox?page=42");
        assertThat(later.showing("referrals")).isEqualTo("Showing 1,001 to 1,025 of more than 2,000 referrals");
        assertThat(later.where()).isEqualTo("Page 41 of more than 80");
    }

    @Test
    void theExactFactoryIsTheSameAsSayingTheTotalIsExact() {
        ServerWebExchange exchange = exchange("/escalations?page=2");
        assertThat(Paging.of(exchange, 2, 30)).isEqualTo(Paging.of(exchange, 2, 30, true));
    }

    private static ServerWebExchange exchange(String uri) {
        return MockServerWebExchange.from(MockServerHttpRequest.get(uri));
    }
}
