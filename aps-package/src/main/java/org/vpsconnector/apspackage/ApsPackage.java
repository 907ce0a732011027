package org.vpsconnector.apspackage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The files of the APS package a controller imports, by their path in the package: read from the
 * built {@code *.app.zip}, or from this module's jar, which holds the same files under
 * {@value #CLASSPATH_ROOT} for the tests of other modules.
 */
public final class ApsPackage {
    public static final String CLASSPATH_ROOT = "aps-package/";
    public static final String APP_META = "APP-META.xml";

    private final Map<String, byte[]> files;
    private final String origin;

    private ApsPackage(Map<String, byte[]> files, String origin) {
        this.files = files;
        this.origin = origin;
    }

    /** Every file of the zip, read at once. */
    public static ApsPackage inZip(Path zip) {
        Map<String, byte[]> files = new TreeMap<>();
        try (ZipFile archive = new ZipFile(zip.toFile())) {
            for (ZipEntry entry : archive.stream().filter(entry -> !entry.isDirectory()).toList()) {
                try (InputStream in = archive.getInputStream(entry)) {
                    files.put(entry.getName(), in.readAllBytes());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the APS package " + zip, e);
        }
        return new ApsPackage(files, zip.toString());
    }

    /**
     * The package as this module's jar holds it. Only the files APP-META.xml names are reachable
     * this way (a class path cannot be listed), which is all a test of the connector reads.
     */
    public static ApsPackage onClasspath() {
        ClassLoader loader = ApsPackage.class.getClassLoader();
        byte[] appMeta = resource(loader, APP_META).orElseThrow(() ->
                new IllegalStateException("no " + CLASSPATH_ROOT + APP_META + " on the class path"));
        Map<String, byte[]> files = new TreeMap<>();
        files.put(APP_META, appMeta);
        AppMeta meta = AppMeta.parse(appMeta);
        meta.schemaPathsByService().values().forEach(path -> resource(loader, path).ifPresent(bytes -> files.put(path, bytes)));
        meta.presentationFiles().forEach(path -> resource(loader, path).ifPresent(bytes -> files.put(path, bytes)));
        return new ApsPackage(files, "the class path under " + CLASSPATH_ROOT);
    }

    public AppMeta appMeta() {
        return AppMeta.parse(file(APP_META).orElseThrow(() -> new IllegalStateException("no " + APP_META + " in " + origin)));
    }

    public Optional<byte[]> file(String path) {
        return Optional.ofNullable(files.get(path));
    }

    /** The schema file of the service {@code serviceId}, as APP-META.xml names it. */
    public byte[] schemaOf(String serviceId) {
        String path = appMeta().schemaPathsByService().get(serviceId);
        if (path == null) {
            throw new IllegalStateException("APP-META.xml names no schema for the service " + serviceId);
        }
        return file(path).orElseThrow(() -> new IllegalStateException("no " + path + " in " + origin));
    }

    public Set<String> paths() {
        return files.keySet();
    }

    @Override
    public String toString() {
        return "APS package in " + origin;
    }

    private static Optional<byte[]> resource(ClassLoader loader, String path) {
        try (InputStream in = loader.getResourceAsStream(CLASSPATH_ROOT + path)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
