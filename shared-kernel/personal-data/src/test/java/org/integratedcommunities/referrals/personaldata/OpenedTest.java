package org.integratedcommunities.referrals.personaldata;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OpenedTest {

    @Test
    void aValueIsThereAndMaps() {
        Opened<String> opened = Opened.of("Amira");

        assertThat(opened.isErased()).isFalse();
        assertThat(opened.orElse("[erased]")).isEqualTo("Amira");
        assertThat(opened.map(String::length)).isEqualTo(Opened.of(5));
        assertThat(opened.toOptional()).contains("Amira");
        assertThat(opened)
                .isInstanceOfSatisfying(
                        Opened.Value.class, v -> assertThat(v.value()).isEqualTo("Amira"));
    }

    @Test
    void erasedStaysErased() {
        Opened<String> opened = Opened.erased();

        assertThat(opened.isErased()).isTrue();
        assertThat(opened.orElse("[erased]")).isEqualTo("[erased]");
        assertThat(opened.map(String::length).isErased()).isTrue();
        assertThat(opened.toOptional()).isEmpty();
        assertThat(opened).isEqualTo(Opened.erased()).isInstanceOf(Opened.Erased.class);
    }

    @Test
    void theValueNeverShowsInToString() {
        assertThat(Opened.of("Amira Haddad").toString()).doesNotContain("Amira");
    }
}
