package org.vpsconnector.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class DurableCommitsTest {

    @Test
    void anH2UrlWritesEveryCommitAtOnce() {
        assertThat(DurableCommits.durableUrl("jdbc:h2:./data/vps-connector")).isEqualTo("jdbc:h2:./data/vps-connector;WRITE_DELAY=0;REUSE_SPACE=FALSE");
        assertThat(DurableCommits.durableUrl("jdbc:h2:/var/db;AUTO_SERVER=TRUE")).isEqualTo("jdbc:h2:/var/db;AUTO_SERVER=TRUE;WRITE_DELAY=0;REUSE_SPACE=FALSE");
        assertThat(DurableCommits.durableUrl("jdbc:h2:./db;write_delay=0")).isEqualTo("jdbc:h2:./db;write_delay=0;REUSE_SPACE=FALSE");
        assertThat(DurableCommits.durableUrl("jdbc:h2:mem:test")).isEqualTo("jdbc:h2:mem:test;WRITE_DELAY=0");
    }

    @Test
    void anH2UrlThatDelaysWritesIsRefused() {
        assertThatThrownBy(() -> DurableCommits.durableUrl("jdbc:h2:./db;WRITE_DELAY=500"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("WRITE_DELAY=500");
    }

    @Test
    void otherDatabasesAreLeftAlone() {
        assertThat(DurableCommits.durableUrl("jdbc:postgresql://localhost:5432/vps")).isEqualTo("jdbc:postgresql://localhost:5432/vps");
    }
}
