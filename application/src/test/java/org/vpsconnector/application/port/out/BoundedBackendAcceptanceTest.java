package org.vpsconnector.application.port.out;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.testing.ControllableBackend;

class BoundedBackendAcceptanceTest {
    private final ControllableBackend engine = ControllableBackend.containers();

    private ContainerBackend answering(Acceptance acceptance, RuntimeException failure) {
        return (ContainerBackend) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {ContainerBackend.class},
                (proxy, method, arguments) -> {
                    if (method.getName().equals("acceptance")) {
                        if (failure != null) {
                            throw failure;
                        }
                        return acceptance;
                    }
                    try {
                        return method.invoke(engine, arguments);
                    } catch (InvocationTargetException failed) {
                        throw failed.getCause();
                    }
                });
    }

    @Test
    void a_backend_that_says_nothing_takes_new_servers_without_reservation() {
        assertThat(engine.acceptance()).isEqualTo(Acceptance.UNRESERVED);
    }

    @Test
    void what_the_backend_answers_about_new_servers_is_passed_on_through_its_calls() {
        Acceptance refused = Acceptance.refused("the engine cannot cap a container's disk size");
        try (BoundedCalls calls = new BoundedCalls("container", Duration.ofSeconds(30), 2)) {
            BoundedBackend bounded = (BoundedBackend) BoundedBackend.containers(answering(refused, null), calls);

            assertThat(bounded.acceptance()).isEqualTo(refused);
            assertThat(bounded.calls()).isSameAs(calls);
        }
    }

    @Test
    void a_backend_that_cannot_say_whether_it_takes_new_servers_is_taken_to_take_them() {
        try (BoundedCalls calls = new BoundedCalls("container", Duration.ofSeconds(30), 2)) {
            ContainerBackend bounded = BoundedBackend.containers(
                    answering(null, BackendException.transientFailure("the daemon is not answering", null)), calls);

            assertThat(bounded.acceptance()).isEqualTo(Acceptance.UNRESERVED);
        }
    }
}
