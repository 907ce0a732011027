package org.vpsconnector.adapters.fake;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.vpsconnector.application.port.out.ServerStatus.Power;
import org.vpsconnector.domain.Hardware;
import org.vpsconnector.domain.Technology;

/**
 * The servers of a fake farm in a properties file, one group of keys per server
 * ({@code VIRTUAL_MACHINE.<vps id>.power=RUNNING}). Every change rewrites the whole file the way
 * a crash cannot tear it: a temporary file is written and forced to disk, then renamed over it.
 */
final class FarmStateFile {
    private final Path file;

    FarmStateFile(Path file) {
        this.file = file.toAbsolutePath().normalize();
    }

    Path path() {
        return file;
    }

    List<FakeServer> read() {
        if (!Files.exists(file)) {
            return List.of();
        }
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the fake farm's state file " + file, e);
        }
        Set<String> servers = new TreeSet<>();
        for (String key : properties.stringPropertyNames()) {
            servers.add(key.substring(0, key.lastIndexOf('.')));
        }
        List<FakeServer> read = new ArrayList<>();
        for (String server : servers) {
            read.add(fromProperties(server, properties));
        }
        return read;
    }

    void write(Collection<FakeServer> servers) {
        Properties properties = new Properties();
        servers.forEach(server -> toProperties(server, properties));
        try {
            Files.createDirectories(file.getParent());
            Path temporary = Files.createTempFile(file.getParent(), file.getFileName().toString(), ".tmp");
            try {
                try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE);
                     OutputStream out = Channels.newOutputStream(channel)) {
                    properties.store(out, "servers of a fake farm");
                    out.flush();
                    channel.force(true);
                }
                Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } finally {
                Files.deleteIfExists(temporary);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the fake farm's state file " + file, e);
        }
    }

    private static void toProperties(FakeServer server, Properties properties) {
        String prefix = server.technology().name() + "." + server.vpsId() + ".";
        if (server.instanceId() != null) {
            properties.setProperty(prefix + "instance", server.instanceId().toString());
        }
        if (server.name() != null) {
            properties.setProperty(prefix + "name", server.name());
        }
        Hardware hardware = server.hardware();
        properties.setProperty(prefix + "memoryGb", Integer.toString(hardware.memoryGb()));
        properties.setProperty(prefix + "diskspaceGb", Integer.toString(hardware.diskspaceGb()));
        properties.setProperty(prefix + "cpuCount", Integer.toString(hardware.cpuCount()));
        properties.setProperty(prefix + "vm", Boolean.toString(hardware.vm()));
        properties.setProperty(prefix + "power", server.power().name());
        if (server.startedAt() != null) {
            properties.setProperty(prefix + "startedAt", server.startedAt().toString());
        }
    }

    private static FakeServer fromProperties(String server, Properties properties) {
        int dot = server.indexOf('.');
        Technology technology = Technology.valueOf(server.substring(0, dot));
        UUID vpsId = UUID.fromString(server.substring(dot + 1));
        String prefix = server + ".";
        String instance = properties.getProperty(prefix + "instance");
        String startedAt = properties.getProperty(prefix + "startedAt");
        Hardware hardware = new Hardware(
                Integer.parseInt(properties.getProperty(prefix + "memoryGb")),
                Integer.parseInt(properties.getProperty(prefix + "diskspaceGb")),
                Integer.parseInt(properties.getProperty(prefix + "cpuCount")),
                Boolean.parseBoolean(properties.getProperty(prefix + "vm")));
        return new FakeServer(vpsId, instance == null ? null : UUID.fromString(instance), properties.getProperty(prefix + "name"),
                technology, hardware, Power.valueOf(properties.getProperty(prefix + "power")),
                startedAt == null ? null : Instant.parse(startedAt));
    }
}
