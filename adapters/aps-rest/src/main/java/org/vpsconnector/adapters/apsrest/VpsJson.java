package org.vpsconnector.adapters.apsrest;

import static org.vpsconnector.application.Require.present;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import java.util.List;
import org.vpsconnector.application.port.out.VpsWithUsage;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Login;
import org.vpsconnector.domain.LoginChange;
import org.vpsconnector.domain.Platform;
import org.vpsconnector.domain.Secret;
import org.vpsconnector.domain.SshKeys;
import org.vpsconnector.domain.Vps;
import org.vpsconnector.domain.VpsSpec;

/**
 * The JSON of a {@code vps/1.0} resource (protocol §1), both ways. Read from a provision or
 * configure, it becomes a {@link VpsSpec}; {@code state}, {@code suspended}, {@code usage} and
 * {@code network} are ours and ignored on input, {@code login.password} is read and never written.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
// suspended is read-only: whatever a body carries under that name is not read.
@JsonIgnoreProperties(value = "suspended", allowGetters = true, ignoreUnknown = true)
public record VpsJson(ApsMeta aps, String name, String description, String state,
                      HardwareJson hardware, PlatformJson platform, ApsLink context,
                      Boolean suspended,
                      @JsonProperty(access = JsonProperty.Access.READ_ONLY) UsageJson usage,
                      @JsonProperty(access = JsonProperty.Access.READ_ONLY) String usageMeasuredAt,
                      LoginJson login,
                      @JsonProperty(access = JsonProperty.Access.READ_ONLY) NetworkJson network)
        implements ApsResourceJson {

    static final String TYPE = "http://aps-standard.org/samples/async1p/vps/1.0";

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record HardwareJson(Integer memory, Integer diskspace, @JsonProperty("CPU") Cpu cpu,
                               @JsonProperty("VM") Boolean vm) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Cpu(Integer number) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record PlatformJson(String arch, @JsonProperty("OS") Os os) {
        Platform toPlatform() {
            return new Platform(arch, os == null ? null : os.name(), os == null ? null : os.version());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Os(String name, String version) {
    }

    /**
     * Root's login. The password is hashed as it is read and never written: the answer shows the
     * authorised public keys (the support desk may see what was authorised), never the password nor its hash.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record LoginJson(List<String> sshKeys,
                            @JsonProperty(access = JsonProperty.Access.WRITE_ONLY)
                            @JsonDeserialize(using = PasswordHashing.class) Secret password) {

        static LoginJson of(Login login) {
            return login.equals(Login.NONE) ? null : new LoginJson(login.sshKeys(), null);
        }

        LoginChange toChange() {
            return new LoginChange(SshKeys.checked(sshKeys, "login.sshKeys"), password);
        }
    }

    /** Where the host reaches the server: known once its backend reported an address. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record NetworkJson(String ipv4) {
        static NetworkJson of(String ipv4) {
            return ipv4 == null ? null : new NetworkJson(ipv4);
        }
    }

    static VpsJson of(Vps vps) {
        VpsSpec spec = vps.spec();
        Hardware hardware = spec.hardware();
        return new VpsJson(
                ApsMeta.of(vps.id(), TYPE, vps.lifecycle().apsStatus(), spec.subscriptionId()),
                spec.name(),
                spec.description(),
                vps.state().apsName(),
                new HardwareJson(hardware.memoryGb(), hardware.diskspaceGb(), new Cpu(hardware.cpuCount()), hardware.vm()),
                platformOf(spec.platform()),
                ApsLink.strong(spec.contextId()),
                vps.suspended(), null, null,
                LoginJson.of(spec.login()),
                NetworkJson.of(vps.ipv4()));
    }

    /** As retrieve serves it: with the usage counters once the VPS has been measured. */
    static VpsJson of(VpsWithUsage retrieved) {
        VpsJson vps = of(retrieved.vps());
        return retrieved.usage().map(usage -> new VpsJson(vps.aps, vps.name, vps.description, vps.state, vps.hardware,
                vps.platform, vps.context, vps.suspended, UsageJson.of(usage), usage.measuredAt().toString(),
                vps.login, vps.network)).orElse(vps);
    }

    /** What the controller asks for; hardware sizes are checked by {@link Hardware} itself. */
    VpsSpec toSpec() {
        HardwareJson asked = present(hardware, "hardware");
        Hardware sizes = new Hardware(
                present(asked.memory(), "hardware.memory"),
                present(asked.diskspace(), "hardware.diskspace"),
                present(present(asked.cpu(), "hardware.CPU").number(), "hardware.CPU.number"),
                present(asked.vm(), "hardware.VM"));
        return new VpsSpec(name, description, sizes, platform == null ? null : platform.toPlatform(),
                ApsLink.idOf(context, "context"),
                ApsIds.parseIfPresent(aps == null ? null : aps.subscription(), "aps.subscription"),
                loginChange().applyTo(Login.NONE));
    }

    /** What {@code login} asks for: a part left out is kept by a configure (and none at provision). */
    LoginChange loginChange() {
        return login == null ? LoginChange.KEEP : login.toChange();
    }

    private static PlatformJson platformOf(Platform platform) {
        if (platform.equals(Platform.UNSPECIFIED)) {
            return null;
        }
        boolean noOs = platform.osName() == null && platform.osVersion() == null;
        return new PlatformJson(platform.arch(), noOs ? null : new Os(platform.osName(), platform.osVersion()));
    }
}
