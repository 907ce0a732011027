package org.vpsconnector.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;
import org.vpsconnector.domain.InvalidRequestException;

class RequireAndTaskFailuresTest {
    @Test
    void a_value_present_is_passed_on_and_a_missing_one_is_the_controllers_error() {
        assertThat(Require.present("web-1", "name")).isEqualTo("web-1");
        assertThatThrownBy(() -> Require.present(null, "APS-Instance-ID"))
                .isInstanceOf(InvalidRequestException.class).hasMessage("APS-Instance-ID is missing");
    }

    @Test
    void what_work_on_another_thread_threw_is_thrown_again_as_it_was() {
        IllegalStateException unchecked = new IllegalStateException("broken");
        assertThat(TaskFailures.unwrapped(new ExecutionException(unchecked), "failed")).isSameAs(unchecked);

        IOException checked = new IOException("disk");
        assertThat(TaskFailures.unwrapped(new ExecutionException(checked), "reading failed"))
                .isInstanceOf(IllegalStateException.class).hasMessage("reading failed").hasCause(checked);

        StackOverflowError error = new StackOverflowError();
        assertThatThrownBy(() -> TaskFailures.unwrapped(new ExecutionException(error), "failed")).isSameAs(error);
    }
}
