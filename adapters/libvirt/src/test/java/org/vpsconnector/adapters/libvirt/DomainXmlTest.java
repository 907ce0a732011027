package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.OperatingSystem;
import org.vpsconnector.domain.Platform;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

class DomainXmlTest {

    private static final UUID VPS = UUID.fromString("3f1c8a52-6a0e-4c55-9d43-0f4b7f0c2e11");
    private static final UUID INSTANCE = UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");
    private static final Path CONSOLE = Path.of("/var/lib/vps-connector/console/vps-" + VPS + ".log");
    private static final String VOLUME = "/var/lib/vps-connector/volumes/vps-" + VPS + ".qcow2";

    private static final String SEED = "/var/lib/vps-connector/volumes/vps-" + VPS + "-seed.iso";
    private static final OperatingSystem DEBIAN = new OperatingSystem("debian", "12");
    private static final LibvirtSettings.GuestImage IMAGE = new LibvirtSettings.GuestImage(DEBIAN, "images", "debian-12.qcow2",
            Path.of("/boot/guest/vmlinuz"), Path.of("/boot/guest/initrd.gz"), "root=/dev/vda console=ttyS0",
            LibvirtSettings.Readiness.GUEST_AGENT);

    private final LibvirtSettings settings = new LibvirtSettings("qemu:///system", "kvm", List.of(IMAGE),
            new LibvirtSettings.Network("network", "guests"), 256,
            "pool", Path.of("/var/lib/vps-connector/volumes"), CONSOLE.getParent(), "guest ready", "connector-a",
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final ServerSpec spec = new ServerSpec(VPS, INSTANCE, "web <1> & \"friends\"", new Hardware(2, 20, 3, true),
            new Platform("x86_64", "debian", "12"));

    private final Element domain = LibvirtXml.parse(define(settings)).getDocumentElement();

    private String define(LibvirtSettings someSettings) {
        return DomainXml.define(spec, IMAGE, VOLUME, SEED, "digest-1", CONSOLE, someSettings);
    }

    @Test
    void theDomainIsNamedAndIdentifiedByTheVps() {
        assertThat(text("name")).isEqualTo("vps-" + VPS);
        assertThat(text("uuid")).isEqualTo(VPS.toString());
        assertThat(text("title")).as("escaped, not interpreted").isEqualTo("web <1> & \"friends\"");
    }

    @Test
    void theDomainTypeComesFromTheSettings() {
        assertThat(domain.getAttribute("type")).isEqualTo("kvm");
    }

    @Test
    void vcpusAndMemoryComeFromTheHardware() {
        assertThat(text("vcpu")).isEqualTo("3");
        Element memory = LibvirtXml.child(domain, "memory");
        assertThat(memory.getAttribute("unit")).isEqualTo("KiB");
        assertThat(memory.getTextContent()).isEqualTo(Long.toString(2L * 1024 * 1024));
        assertThat(LibvirtXml.child(domain, "currentMemory").getTextContent()).isEqualTo(memory.getTextContent());
    }

    @Test
    void theGuestBootsTheConfiguredKernelAndInitrd() {
        Element os = LibvirtXml.child(domain, "os");
        assertThat(LibvirtXml.child(os, "type").getTextContent()).isEqualTo("hvm");
        assertThat(LibvirtXml.child(os, "kernel").getTextContent()).isEqualTo("/boot/guest/vmlinuz");
        assertThat(LibvirtXml.child(os, "initrd").getTextContent()).isEqualTo("/boot/guest/initrd.gz");
        assertThat(LibvirtXml.child(os, "cmdline").getTextContent()).isEqualTo("root=/dev/vda console=ttyS0");
        assertThat(LibvirtXml.child(LibvirtXml.child(domain, "features"), "acpi")).isNotNull();
        assertThat(LibvirtXml.child(LibvirtXml.child(domain, "features"), "tcg")).as("only under software emulation").isNull();
    }

    @Test
    void underSoftwareEmulationTheTranslationCacheIsBounded() {
        LibvirtSettings emulated = new LibvirtSettings("qemu:///system", "qemu", List.of(IMAGE), settings.network(), 256,
                "pool", settings.storageDirectory(), settings.consoleDirectory(), "guest ready", "connector-a",
                Duration.ofSeconds(10), Duration.ofSeconds(30));

        Element features = LibvirtXml.child(LibvirtXml.parse(define(emulated)).getDocumentElement(), "features");

        Element tbCache = LibvirtXml.child(LibvirtXml.child(features, "tcg"), "tb-cache");
        assertThat(tbCache.getTextContent()).isEqualTo("256");
        assertThat(tbCache.getAttribute("unit")).isEqualTo("MiB");
    }

    @Test
    void theSeedIsASecondReadOnlyDisk() {
        NodeList disks = LibvirtXml.child(domain, "devices").getElementsByTagName("disk");
        assertThat(disks.getLength()).isEqualTo(2);
        Element seed = (Element) disks.item(1);
        assertThat(LibvirtXml.child(seed, "source").getAttribute("file")).isEqualTo(SEED);
        assertThat(LibvirtXml.child(seed, "driver").getAttribute("type")).isEqualTo("raw");
        assertThat(LibvirtXml.child(seed, "target").getAttribute("dev")).isEqualTo("vdb");
        assertThat(LibvirtXml.child(seed, "readonly")).isNotNull();
    }

    @Test
    void theGuestAgentHasItsChannel() {
        Element channel = device("channel");
        assertThat(channel.getAttribute("type")).isEqualTo("unix");
        assertThat(LibvirtXml.child(channel, "target").getAttribute("name")).isEqualTo("org.qemu.guest_agent.0");
    }

    @Test
    void theVolumeIsAVirtioQcow2Disk() {
        Element disk = device("disk");
        assertThat(disk.getAttribute("device")).isEqualTo("disk");
        assertThat(LibvirtXml.child(disk, "driver").getAttribute("type")).isEqualTo("qcow2");
        assertThat(LibvirtXml.child(disk, "source").getAttribute("file")).isEqualTo(VOLUME);
        assertThat(LibvirtXml.child(disk, "target").getAttribute("bus")).isEqualTo("virtio");
        assertThat(LibvirtXml.child(disk, "target").getAttribute("dev")).isEqualTo("vda");
    }

    @Test
    void theGuestIsOnTheConfiguredNetwork() {
        assertThat(device("interface").getAttribute("type")).isEqualTo("network");
        assertThat(LibvirtXml.child(device("interface"), "source").getAttribute("network")).isEqualTo("guests");
        assertThat(LibvirtXml.child(device("interface"), "port").getAttribute("isolated"))
                .as("guests on one bridge do not reach each other").isEqualTo("yes");
    }

    @Test
    void aBridgeIsPluggedByItsDevice() {
        LibvirtSettings bridged = new LibvirtSettings("qemu:///system", "kvm", List.of(IMAGE),
                new LibvirtSettings.Network("bridge", "br0"), 0, "pool", settings.storageDirectory(),
                settings.consoleDirectory(), "guest ready", "connector-a", Duration.ofSeconds(10), Duration.ofSeconds(30));

        Element devices = LibvirtXml.child(LibvirtXml.parse(define(bridged)).getDocumentElement(), "devices");

        Element nic = LibvirtXml.child(devices, "interface");
        assertThat(nic.getAttribute("type")).isEqualTo("bridge");
        assertThat(LibvirtXml.child(nic, "source").getAttribute("bridge")).isEqualTo("br0");
        assertThat(LibvirtXml.child(nic, "port")).as("public servers on a host bridge reach each other").isNull();
    }

    @Test
    void theSerialConsoleGoesToATruncatedLogFile() {
        Element serial = device("serial");
        assertThat(serial.getAttribute("type")).isEqualTo("file");
        assertThat(LibvirtXml.child(serial, "source").getAttribute("path")).isEqualTo(CONSOLE.toString());
        assertThat(LibvirtXml.child(serial, "source").getAttribute("append")).isEqualTo("off");
    }

    @Test
    void theMetadataCarriesOwnerAndInstanceInOurNamespace() {
        Element metadata = LibvirtXml.child(domain, "metadata");
        Element server = (Element) metadata.getElementsByTagNameNS(DomainXml.METADATA_NAMESPACE, "server").item(0);
        assertThat(server.getElementsByTagNameNS(DomainXml.METADATA_NAMESPACE, "owner").item(0).getTextContent())
                .isEqualTo("connector-a");
        assertThat(server.getElementsByTagNameNS(DomainXml.METADATA_NAMESPACE, "instance").item(0).getTextContent())
                .isEqualTo(INSTANCE.toString());
    }

    @Test
    void readingTheDefinitionGivesBackWhatWasWritten() {
        DomainDescription description = DomainXml.read(define(settings));

        assertThat(description).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 2, 3, DEBIAN, "digest-1"));
        assertThat(description.ownedBy("connector-a")).isTrue();
        assertThat(description.ownedBy("connector-b")).isFalse();
    }

    @Test
    void readsTheXmlLibvirtReturns() {
        String fromLibvirt = """
                <domain type='qemu'>
                  <name>vps-%1$s</name>
                  <uuid>%1$s</uuid>
                  <metadata>
                    <v:server xmlns:v="https://vpsconnector.org/xmlns/libvirt/vps/1">
                      <v:owner>connector-a</v:owner>
                      <v:instance>%2$s</v:instance>
                    </v:server>
                  </metadata>
                  <memory unit='KiB'>1048576</memory>
                  <currentMemory unit='KiB'>1048576</currentMemory>
                  <vcpu placement='static'>2</vcpu>
                  <os><type arch='x86_64' machine='pc-i440fx-7.2'>hvm</type></os>
                </domain>
                """.formatted(VPS, INSTANCE);

        assertThat(DomainXml.read(fromLibvirt)).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 1, 2, null, null));
    }

    @Test
    void aDomainWithoutOurMetadataIsNobodysWeKnow() {
        String foreign = """
                <domain type='qemu'><name>other</name><uuid>%s</uuid>
                  <memory unit='MiB'>128</memory><vcpu>1</vcpu><os><type>hvm</type></os></domain>
                """.formatted(VPS);

        DomainDescription description = DomainXml.read(foreign);

        assertThat(description.owner()).isNull();
        assertThat(description.ownedBy("connector-a")).isFalse();
    }

    @Test
    void newHardwareChangesOnlyMemoryAndVcpus() {
        String defined = define(settings)
                .replace("<interface type=\"network\">", "<interface type=\"network\"><mac address=\"52:54:00:12:34:56\"/>");

        String reconfigured = DomainXml.withHardware(defined, 4, 1);

        assertThat(DomainXml.read(reconfigured)).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 4, 1, DEBIAN, "digest-1"));
        Element domain = LibvirtXml.parse(reconfigured).getDocumentElement();
        assertThat(domain.getElementsByTagName("memory").getLength()).isEqualTo(1);
        assertThat(domain.getElementsByTagName("vcpu").getLength()).isEqualTo(1);
        assertThat(reconfigured).contains("52:54:00:12:34:56", VOLUME, CONSOLE.toString(), "/boot/guest/vmlinuz");
    }

    @Test
    void anotherLoginIsRecordedInTheMetadataOnly() {
        String changed = DomainXml.withLoginDigest(define(settings), "digest-2");

        assertThat(DomainXml.read(changed).loginDigest()).isEqualTo("digest-2");
        assertThat(DomainXml.read(changed).operatingSystem()).isEqualTo(DEBIAN);
        assertThat(changed).contains(VOLUME, SEED, CONSOLE.toString());
    }

    private String text(String name) {
        return LibvirtXml.child(domain, name).getTextContent();
    }

    private Element device(String name) {
        return LibvirtXml.child(LibvirtXml.child(domain, "devices"), name);
    }
}
