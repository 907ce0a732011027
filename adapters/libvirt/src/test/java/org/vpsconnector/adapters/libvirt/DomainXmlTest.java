package org.vpsconnector.adapters.libvirt;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.vpsconnector.application.port.out.ServerSpec;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Platform;
import org.w3c.dom.Element;

class DomainXmlTest {

    private static final UUID VPS = UUID.fromString("3f1c8a52-6a0e-4c55-9d43-0f4b7f0c2e11");
    private static final UUID INSTANCE = UUID.fromString("a0b1c2d3-e4f5-4a6b-8c7d-9e0f1a2b3c4d");
    private static final Path CONSOLE = Path.of("/var/lib/vps-connector/console/vps-" + VPS + ".log");
    private static final String VOLUME = "/var/lib/vps-connector/volumes/vps-" + VPS + ".qcow2";

    private final LibvirtSettings settings = new LibvirtSettings("qemu:///system", "kvm",
            new LibvirtSettings.BootImage(Path.of("/boot/guest/vmlinuz"), Path.of("/boot/guest/initrd.gz"),
                    "console=ttyS0 quiet"),
            "pool", Path.of("/var/lib/vps-connector/volumes"), CONSOLE.getParent(), "guest ready", "connector-a",
            Duration.ofSeconds(10), Duration.ofSeconds(30));

    private final ServerSpec spec = new ServerSpec(VPS, INSTANCE, "web <1> & \"friends\"", new Hardware(2, 20, 3, true),
            new Platform("x86_64", "debian", "12"));

    private final Element domain = LibvirtXml.parse(DomainXml.define(spec, VOLUME, CONSOLE, settings)).getDocumentElement();

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
        assertThat(LibvirtXml.child(os, "cmdline").getTextContent()).isEqualTo("console=ttyS0 quiet");
        assertThat(LibvirtXml.child(LibvirtXml.child(domain, "features"), "acpi")).isNotNull();
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
    void theGuestUsesUserModeNetworking() {
        assertThat(device("interface").getAttribute("type")).isEqualTo("user");
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
        DomainDescription description = DomainXml.read(DomainXml.define(spec, VOLUME, CONSOLE, settings));

        assertThat(description).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 2, 3));
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

        assertThat(DomainXml.read(fromLibvirt)).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 1, 2));
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
        String defined = DomainXml.define(spec, VOLUME, CONSOLE, settings)
                .replace("<interface type=\"user\">", "<interface type=\"user\"><mac address=\"52:54:00:12:34:56\"/>");

        String reconfigured = DomainXml.withHardware(defined, 4, 1);

        assertThat(DomainXml.read(reconfigured)).isEqualTo(new DomainDescription(VPS, "connector-a", INSTANCE, 4, 1));
        Element domain = LibvirtXml.parse(reconfigured).getDocumentElement();
        assertThat(domain.getElementsByTagName("memory").getLength()).isEqualTo(1);
        assertThat(domain.getElementsByTagName("vcpu").getLength()).isEqualTo(1);
        assertThat(reconfigured).contains("52:54:00:12:34:56", VOLUME, CONSOLE.toString(), "/boot/guest/vmlinuz");
    }

    private String text(String name) {
        return LibvirtXml.child(domain, name).getTextContent();
    }

    private Element device(String name) {
        return LibvirtXml.child(LibvirtXml.child(domain, "devices"), name);
    }
}
