package org.vpsconnector.adapters.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.command.PullImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.vpsconnector.application.port.out.BackendException;

/**
 * Makes sure the image of a VPS is on the engine, pulling it from its registry when it is not,
 * with the registry's credentials from the settings. A pull that fails or outlasts its deadline
 * fails the operation with the image, the registry and the reason: a missing image, a wrong
 * password or a registry that does not answer will not mend themselves on a retry.
 */
final class ImagePulls {
    private static final System.Logger LOG = System.getLogger(ImagePulls.class.getName());

    private final DockerClient docker;
    private final DockerFailures failures;
    private final List<RegistryCredentials> registries;
    private final Duration deadline;

    /** {@code docker} waits for answers as long as a pull may take. */
    ImagePulls(DockerClient docker, DockerFailures failures, List<RegistryCredentials> registries, Duration deadline) {
        this.docker = docker;
        this.failures = failures;
        this.registries = registries;
        this.deadline = deadline;
    }

    /** The image as the engine has it, pulled first when it is not there. */
    InspectImageResponse present(String image) {
        Optional<InspectImageResponse> present = inspect(image);
        if (present.isPresent()) {
            return present.get();
        }
        pull(image);
        return inspect(image).orElseThrow(() -> BackendException.transientFailure(
                "image " + image + " is not on the engine right after it was pulled", null));
    }

    private Optional<InspectImageResponse> inspect(String image) {
        return failures.during("inspect image " + image, () -> {
            try {
                return Optional.of(docker.inspectImageCmd(image).exec());
            } catch (NotFoundException missing) {
                return Optional.empty();
            }
        });
    }

    private void pull(String image) {
        ImageReference reference = ImageReference.parse(image);
        Optional<RegistryCredentials> credentials = credentialsFor(reference.registry());
        String from = "image " + image + " from registry " + reference.registry()
                + credentials.map(account -> " as " + account.username()).orElse(" without credentials");
        LOG.log(System.Logger.Level.INFO, "Pulling {0} (deadline {1} s)", from, String.valueOf(deadline.toSeconds()));
        long started = System.nanoTime();
        // The engine wants an X-Registry-Auth header even for a registry without accounts.
        AuthConfig auth = credentials
                .map(account -> new AuthConfig().withRegistryAddress(account.host())
                        .withUsername(account.username()).withPassword(account.password().reveal()))
                .orElseGet(AuthConfig::new);
        PullImageResultCallback pulling = new PullImageResultCallback();
        try {
            docker.pullImageCmd(reference.repository()).withTag(reference.tag()).withAuthConfig(auth).exec(pulling);
            if (!pulling.awaitCompletion(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
                throw BackendException.permanentFailure("pulling " + from + " did not finish within "
                        + deadline.toSeconds() + " s", null);
            }
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw BackendException.transientFailure("pulling " + from + " was interrupted", interrupted);
        } catch (BackendException timedOut) {
            throw timedOut;
        } catch (RuntimeException failed) {
            throw BackendException.permanentFailure("pulling " + from + " failed: " + reason(failed), failed);
        } finally {
            closeQuietly(pulling);
        }
        LOG.log(System.Logger.Level.INFO, "Pulled {0} in {1} ms", from,
                String.valueOf(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)));
    }

    private Optional<RegistryCredentials> credentialsFor(String registry) {
        return registries.stream().filter(account -> account.host().equalsIgnoreCase(registry)).findFirst();
    }

    private static String reason(RuntimeException failed) {
        if (failed instanceof DockerException answered) {
            return DockerFailures.engineMessage(answered);
        }
        return failed.getMessage() != null ? failed.getMessage().strip() : DockerFailures.rootMessage(failed);
    }

    private static void closeQuietly(PullImageResultCallback pulling) {
        try {
            pulling.close();
        } catch (IOException ignored) {
            // the stream of a pull given up on may already be gone
        }
    }
}
