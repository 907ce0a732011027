package org.vpsconnector.bootstrap;

import com.fasterxml.jackson.core.JsonPointer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.function.Supplier;
import java.util.zip.GZIPOutputStream;

/**
 * Generates malformed and hostile APS requests from the controller's fixture bodies, with a seeded
 * {@link Random}: the same seed gives the same requests. Every request the connector must refuse
 * addresses something new (a fresh id), so that a request wrongly let through would change
 * something the test sees. The requests it may accept repeat what the controller already did.
 */
final class HostileRequests {
    /** The resources the controller made before the hostile requests start. */
    record Known(UUID instance, UUID context, UUID container, UUID vm, long maxBodyBytes) {
    }

    private enum Kind { TEXT, PEM, INT, BOOL, UUID, LINK, OBJECT }

    private record Field(String pointer, Kind kind, int maxLength, boolean required) {
    }

    /** A valid request for something new; a mutation makes it one the connector must refuse. */
    private record Template(String name, String method, String path, String instanceHeader, ObjectNode body,
                            List<Field> fields) {
    }

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String MARK = "HOSTILE-MARK";

    private static final List<Field> VPS_FIELDS = List.of(
            new Field("/aps/id", Kind.UUID, 0, true),
            new Field("/aps/subscription", Kind.UUID, 0, false),
            new Field("/aps", Kind.OBJECT, 0, true),
            new Field("/name", Kind.TEXT, 255, false),
            new Field("/description", Kind.TEXT, 4000, false),
            new Field("/platform", Kind.OBJECT, 0, false),
            new Field("/platform/arch", Kind.TEXT, 255, false),
            new Field("/platform/OS", Kind.OBJECT, 0, false),
            new Field("/platform/OS/name", Kind.TEXT, 255, false),
            new Field("/platform/OS/version", Kind.TEXT, 255, false),
            new Field("/hardware", Kind.OBJECT, 0, true),
            new Field("/hardware/memory", Kind.INT, 0, true),
            new Field("/hardware/diskspace", Kind.INT, 0, true),
            new Field("/hardware/CPU", Kind.OBJECT, 0, true),
            new Field("/hardware/CPU/number", Kind.INT, 0, true),
            new Field("/hardware/VM", Kind.BOOL, 0, true),
            new Field("/context", Kind.LINK, 0, false),
            new Field("/context/aps/id", Kind.UUID, 0, true));

    // The subscription link wins over aps.subscription, which is then not read.
    private static final List<Field> CONTEXT_FIELDS = List.of(
            new Field("/aps/id", Kind.UUID, 0, true),
            new Field("/aps", Kind.OBJECT, 0, true),
            new Field("/subscription", Kind.LINK, 0, false),
            new Field("/subscription/aps/id", Kind.UUID, 0, true),
            new Field("/account", Kind.LINK, 0, false),
            new Field("/account/aps/id", Kind.UUID, 0, true));

    private static final List<Field> CLOUD_FIELDS = List.of(
            new Field("/aps/id", Kind.UUID, 0, true),
            new Field("/aps", Kind.OBJECT, 0, true),
            new Field("/aps/x509", Kind.OBJECT, 0, false),
            new Field("/aps/x509/self", Kind.PEM, 65536, false),
            new Field("/aps/x509/controller", Kind.PEM, 65536, false));

    private static final List<String> BAD_UUIDS = List.of("", "not-a-uuid", "1-2-3-4-5", "00000000000000000000000000000000",
            "{0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10}", "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a1", "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a100",
            "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a1g", " 0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10", "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10 ",
            "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10\u0000", "0e7a2d63_8a52_4c5f_9bd5_4b7c3f3f2a10", "null", "💥",
            "0e7a2d63-8a52-4c5f-9bd5-4b7c3f3f2a10' OR '1'='1");
    private static final List<String> RAW_BAD_NUMBERS = List.of("1e400", "01", "+1", "1.", ".5", "NaN", "Infinity",
            "-Infinity", "-", "0x10", "1_000", "1e", "--1", "1 2", "2147483648", "-2147483649", "99999999999999999999",
            "1" + "0".repeat(100), "1" + "0".repeat(63), "0.1e-400", "true1", "nul");
    private static final List<String> RAW_BAD_BOOLEANS = List.of("True", "TRUE", "tru", "yes", "1", "0", "t", "nul", "\"true\"");
    private static final List<byte[]> BAD_UTF8 = List.of(bytes(0xFF), bytes(0xFE), bytes(0xC0, 0xAF), bytes(0xE0, 0x80, 0xAF),
            bytes(0xED, 0xA0, 0x80), bytes(0xED, 0xBF, 0xBF), bytes(0xF8, 0x88, 0x80, 0x80, 0x80), bytes(0xF4, 0x90, 0x80, 0x80),
            bytes(0xC3), bytes(0x80), bytes(0xBF), bytes(0xE2, 0x82), bytes(0xF0, 0x9F, 0x92));
    private static final List<String> BAD_CONTENT_TYPES = List.of("text/plain", "application/xml", "text/json",
            "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/octet-stream",
            "application/json; charset=ebcdic", "application/json; charset=IBM037", "application/json; charset=iso-8859-1",
            "application/json; charset=utf-16", "application/json; charset=UTF-16LE", "application/json; charset=utf-32",
            "application/json; charset=us-ascii", "application/json; charset=windows-1252", "application/json; charset=utf8",
            "application/json; charset=latin1", "application/json; charset=x-unknown", "application/json; charset=\"\"",
            "application/json; charset=utf-7", "application/", "json", "*/*", "application/*",
            "application/json; charset=utf-8; charset=ebcdic");
    private static final List<String> BAD_CONTENT_ENCODINGS = List.of("deflate", "br", "compress", "zstd", "x-unknown",
            "gzip, deflate", "deflate, gzip", "identity, deflate");
    private static final List<String> BAD_ACCEPTS = List.of("text/html", "application/xml", "image/png", "text/plain");
    private static final List<String> BAD_PHASES = List.of("now", "SYNCH", "1", "async;", "a sync", "asynchronous", "null", "sync async");
    private static final List<String> BAD_CONTROLLER_URIS = List.of("", "controller.example.net", "/relative/path",
            "://missing-scheme", "http://exa mple.net/", "https://[::1/",
            "https://controller.example.net:99999999999999999999/x y", "%", "https://controller.example.net/a b");
    private static final List<String> OTHER_METHODS = List.of("PATCH", "TRACK", "PROPFIND", "CONNECTX", "FOO");

    private final Random random;
    private final Known known;
    private final byte[] bomb;

    HostileRequests(Random random, Known known) {
        this.random = random;
        this.known = known;
        this.bomb = bomb(container(), 128L * 1024 * 1024);
    }

    /** {@code refused} requests the connector must refuse, then {@code repeats} it may accept. */
    List<HostileRequest> generate(int refused, int repeats) {
        List<HostileRequest> requests = new ArrayList<>();
        List<Supplier<HostileRequest>> families = List.of(
                this::fieldValue, this::fieldValue, this::fieldValue, this::fieldValue, this::fieldValue,
                this::fieldBytes, this::fieldBytes, this::rawNumber,
                this::bodyShape, this::bodyShape, this::bodyShape,
                this::nesting, this::oversized, this::compressed, this::compressed, this::charset,
                this::headers, this::headers, this::headers, this::contentHeaders,
                this::methodOrPath, this::methodOrPath, this::unknownTarget);
        for (int i = 0; i < refused; i++) {
            requests.add(pick(families).get());
        }
        for (int i = 0; i < repeats; i++) {
            requests.add(repeat());
        }
        return requests;
    }

    // ---- the valid requests the mutations start from

    private Template install() {
        UUID id = fresh();
        ObjectNode body = ApsController.fixture("cloud-install.json");
        body.with("aps").put("id", id.toString());
        return new Template("install", "POST", "/clouds", id.toString(), body, CLOUD_FIELDS);
    }

    private Template context() {
        UUID id = fresh();
        ObjectNode body = ApsController.fixture("context-provision.json");
        body.with("aps").put("id", id.toString());
        body.with("subscription").with("aps").put("id", fresh().toString());
        body.with("account").with("aps").put("id", fresh().toString());
        boolean put = random.nextBoolean();
        return new Template(put ? "context configure" : "context provision", put ? "PUT" : "POST",
                put ? "/contexts/" + id : "/contexts", known.instance().toString(), body, CONTEXT_FIELDS);
    }

    private Template container() {
        return vps("container provision", "vps-container.json", fresh(), "POST", "/vpses");
    }

    private Template vm() {
        return vps("VM provision", "vps-vm.json", fresh(), "POST", "/vpses");
    }

    /** A configure that grows the container: valid as it stands. */
    private Template configure() {
        Template template = vps("container configure", "vps-container.json", known.container(), "PUT",
                "/vpses/" + known.container());
        template.body().with("hardware").put("memory", 2);
        return template;
    }

    private Template vps(String name, String fixture, UUID id, String method, String path) {
        ObjectNode body = ApsController.vps(fixture, id);
        body.with("context").with("aps").put("id", known.context().toString());
        return new Template(name, method, path, known.instance().toString(), body, VPS_FIELDS);
    }

    private Template anyTemplate() {
        return switch (random.nextInt(6)) {
            case 0 -> install();
            case 1 -> context();
            case 2 -> vm();
            case 3 -> configure();
            default -> container();
        };
    }

    // ---- hostile families

    /** One field the connector reads gets a value it must refuse. */
    private HostileRequest fieldValue() {
        Template template = anyTemplate();
        Field field = pick(template.fields());
        Object value = hostileValue(field);
        // A configure's body may leave its id out: the address names the resource.
        if (template.method().equals("PUT") && field.pointer().equals("/aps/id") && value instanceof JsonNode node && node.isNull()) {
            value = NODES.textNode("not-a-uuid");
        }
        String what = field.pointer() + " = " + describe(value);
        byte[] body = value instanceof RawJson raw
                ? withRaw(template.body(), field.pointer(), raw.text().getBytes(StandardCharsets.UTF_8), true)
                : json(set(template.body(), field.pointer(), (JsonNode) value));
        return maybeCompressed(refused("field value", what, template, body));
    }

    /** Bytes inside a string the connector reads that are not UTF-8, or raw control characters. */
    private HostileRequest fieldBytes() {
        Template template = anyTemplate();
        List<Field> strings = template.fields().stream()
                .filter(field -> field.kind() == Kind.TEXT || field.kind() == Kind.PEM || field.kind() == Kind.UUID)
                .toList();
        Field field = pick(strings);
        byte[] inserted;
        String what;
        if (random.nextBoolean()) {
            inserted = pick(BAD_UTF8);
            what = "invalid UTF-8 " + hex(inserted);
        } else {
            int control = random.nextInt(0x20);
            inserted = bytes(control);
            what = String.format("raw control character 0x%02x", control);
        }
        byte[] value = concat("ab".getBytes(StandardCharsets.UTF_8), inserted, "cd".getBytes(StandardCharsets.UTF_8));
        return refused("field bytes", field.pointer() + ": " + what, template, withRaw(template.body(), field.pointer(), value, false));
    }

    /** A number the JSON grammar or an int cannot hold, where the connector reads an integer or a boolean. */
    private HostileRequest rawNumber() {
        Template template = random.nextBoolean() ? container() : vm();
        boolean bool = random.nextInt(4) == 0;
        String pointer = bool ? "/hardware/VM" : pick(List.of("/hardware/memory", "/hardware/diskspace", "/hardware/CPU/number"));
        String raw = bool ? pick(RAW_BAD_BOOLEANS) : pick(RAW_BAD_NUMBERS);
        return refused("raw number", pointer + " = " + raw, template,
                withRaw(template.body(), pointer, raw.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Bodies that are not one well-formed JSON object: truncated, trailing tokens, repeated keys, other values. */
    private HostileRequest bodyShape() {
        Template template = anyTemplate();
        byte[] valid = json(template.body());
        return switch (random.nextInt(5)) {
            case 0 -> {
                int cut = 1 + random.nextInt(valid.length - 1);
                yield refused("body shape", "truncated at " + cut + " of " + valid.length, template, Arrays.copyOf(valid, cut));
            }
            case 1 -> {
                String trailing = pick(List.of("x", "{}", "]", ",", "\"a\"", "0", "}", " {\"aps\":{}}", "//", "/* */"));
                yield refused("body shape", "trailing " + trailing, template,
                        concat(valid, trailing.getBytes(StandardCharsets.UTF_8)));
            }
            case 2 -> {
                String key = pick(iterable(template.body().fieldNames()));
                String duplicate = "\"" + key + "\":" + template.body().get(key) + ",";
                yield refused("body shape", "duplicate key " + key, template, insertAfterFirstBrace(valid, duplicate));
            }
            case 3 -> {
                String duplicate = "\"id\":\"" + fresh() + "\",";
                byte[] body = new String(valid, StandardCharsets.UTF_8).replaceFirst("\"aps\":\\{", "\"aps\":{" + duplicate)
                        .getBytes(StandardCharsets.UTF_8);
                yield refused("body shape", "duplicate aps.id", template, body);
            }
            default -> {
                List<String> others = new ArrayList<>(List.of("", " ", "[]", "[" + new String(valid, StandardCharsets.UTF_8) + "]",
                        "\"text\"", "42", "true", "null", "{", "}", "\""));
                // A context's configure needs nothing but its address: these would be legal there.
                if (!template.name().equals("context configure")) {
                    others.addAll(List.of("{}", "{\"aps\":null}", "{\"aps\":{\"id\":null}}"));
                }
                String other = pick(others);
                yield refused("body shape", "body " + abbreviated(other), template, other.getBytes(StandardCharsets.UTF_8));
            }
        };
    }

    /** Deep nesting, in a field the connector ignores or one it reads, and huge arrays where it reads a number. */
    private HostileRequest nesting() {
        Template template = random.nextBoolean() ? container() : install();
        int kind = random.nextInt(3);
        if (kind == 2 && template.fields() == VPS_FIELDS) {
            int size = 1000 + random.nextInt(20_000);
            ArrayNode huge = NODES.arrayNode();
            for (int i = 0; i < size; i++) {
                huge.add(random.nextInt());
            }
            return refused("nesting", "/hardware/memory as an array of " + size, template,
                    json(set(template.body(), "/hardware/memory", huge)));
        }
        int depth = 33 + random.nextInt(5000);
        boolean objects = random.nextBoolean();
        String open = objects ? "{\"a\":" : "[";
        String close = objects ? "}" : "]";
        String nested = open.repeat(depth) + "1" + close.repeat(depth);
        String pointer = kind == 0 ? "/unknownField" : template.fields() == VPS_FIELDS ? "/name" : "/aps/x509/self";
        return refused("nesting", pointer + " nested " + depth + (objects ? " objects" : " arrays"), template,
                withRaw(template.body(), pointer, nested.getBytes(StandardCharsets.UTF_8), true));
    }

    /** Bodies over the limit: a huge field the connector ignores, whitespace, a huge array; declared or chunked. */
    private HostileRequest oversized() {
        Template template = anyTemplate();
        int size = (int) known.maxBodyBytes() + 1 + random.nextInt(random.nextInt(8) == 0 ? 5 * 1024 * 1024 : 512 * 1024);
        byte[] valid = json(template.body());
        byte[] body = switch (random.nextInt(3)) {
            case 0 -> withRaw(template.body(), "/unknownField",
                    ("\"" + "x".repeat(size) + "\"").getBytes(StandardCharsets.UTF_8), true);
            case 1 -> concat(valid, " ".repeat(size).getBytes(StandardCharsets.UTF_8));
            default -> withRaw(template.body(), "/unknownField",
                    ("[" + "1,".repeat(size / 2) + "1]").getBytes(StandardCharsets.UTF_8), true);
        };
        boolean chunked = random.nextBoolean();
        return new HostileRequest("oversized", body.length + " bytes" + (chunked ? " chunked" : ""), template.method(),
                template.path(), headers(template.instanceHeader(), "application/json"), body, chunked, true);
    }

    /** gzip: a bomb that inflates far beyond the limit, broken gzip, plain text called gzip, and other codings. */
    private HostileRequest compressed() {
        Template template = anyTemplate();
        var headers = headers(template.instanceHeader(), "application/json");
        byte[] valid = json(template.body());
        return switch (random.nextInt(5)) {
            case 0 -> {
                boolean chunked = random.nextBoolean();
                // The bomb is a new container's body: let through, it would add a VPS.
                Template bombed = container();
                yield new HostileRequest("compressed", "gzip bomb of " + bomb.length + " bytes" + (chunked ? " chunked" : ""),
                        bombed.method(), bombed.path(), with(headers(bombed.instanceHeader(), "application/json"),
                        "Content-Encoding", "gzip"), bomb, chunked, true);
            }
            case 1 -> {
                byte[] gzip = gzip(valid);
                // Within the first half of the compressed data, so that the JSON it inflates to is cut short.
                int cut = 10 + random.nextInt((gzip.length - 18) / 2);
                yield new HostileRequest("compressed", "gzip truncated at " + cut, template.method(), template.path(),
                        with(headers, "Content-Encoding", "gzip"), Arrays.copyOf(gzip, cut), false, true);
            }
            case 2 -> {
                byte[] garbage = new byte[20 + random.nextInt(2000)];
                random.nextBytes(garbage);
                garbage[0] = (byte) 0x1f;
                garbage[1] = (byte) 0x8b;
                garbage[2] = 8;
                garbage[3] = 0;
                yield new HostileRequest("compressed", "gzip header then garbage", template.method(), template.path(),
                        with(headers, "Content-Encoding", "gzip"), garbage, false, true);
            }
            case 3 -> new HostileRequest("compressed", "plain JSON called gzip", template.method(), template.path(),
                    with(headers, "Content-Encoding", "gzip"), valid, false, true);
            default -> {
                String coding = pick(BAD_CONTENT_ENCODINGS);
                yield new HostileRequest("compressed", "Content-Encoding " + coding, template.method(), template.path(),
                        with(headers, "Content-Encoding", coding), coding.startsWith("gzip") ? gzip(valid) : valid, false, true);
            }
        };
    }

    /** The body in UTF-16 or UTF-32, with or without a byte order mark, declared as plain JSON. */
    private HostileRequest charset() {
        Template template = anyTemplate();
        Charset charset = pick(List.of(StandardCharsets.UTF_16, StandardCharsets.UTF_16LE, StandardCharsets.UTF_16BE,
                Charset.forName("UTF-32"), Charset.forName("UTF-32LE")));
        byte[] body = template.body().toString().getBytes(charset);
        String type = pick(List.of("application/json", "application/json; charset=" + charset.name()));
        return new HostileRequest("charset", "body in " + charset.name() + " as " + type, template.method(), template.path(),
                headers(template.instanceHeader(), type), body, false, true);
    }

    /** The APS headers missing, repeated or malformed. */
    private HostileRequest headers() {
        Template template = anyTemplate();
        byte[] body = json(template.body());
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        headers.add(Map.entry("Content-Type", "application/json"));
        String instance = template.instanceHeader();
        String uri = ApsController.CONTROLLER_URI;
        String phase = "sync";
        String what;
        switch (random.nextInt(9)) {
            case 0 -> {
                instance = null;
                what = "no APS-Instance-ID";
            }
            case 1 -> {
                uri = null;
                what = "no APS-Controller-URI";
            }
            case 2 -> {
                instance = pick(BAD_UUIDS.stream().filter(HostileRequests::sendableInHeader).toList());
                what = "APS-Instance-ID " + instance;
            }
            case 3 -> {
                uri = pick(BAD_CONTROLLER_URIS);
                what = "APS-Controller-URI " + uri;
            }
            case 4 -> {
                // Only the VPS requests have phases.
                template = random.nextBoolean() ? container() : configure();
                body = json(template.body());
                instance = template.instanceHeader();
                phase = pick(BAD_PHASES);
                what = "APS-Request-Phase " + phase;
            }
            case 5 -> {
                headers.add(Map.entry("APS-Instance-ID", instance));
                what = "APS-Instance-ID twice";
            }
            case 6 -> {
                // Only an install stores the controller's URI.
                template = install();
                body = json(template.body());
                instance = template.instanceHeader();
                uri = "https://controller.example.net/" + "a".repeat(2049 + random.nextInt(4000));
                what = "APS-Controller-URI of " + uri.length() + " characters";
            }
            case 7 -> {
                // Beyond Jetty's limit for request headers; no body, the answer comes before it.
                headers.add(Map.entry("X-Padding", "a".repeat(9000 + random.nextInt(20_000))));
                body = null;
                what = "a header of " + headers.get(headers.size() - 1).getValue().length() + " characters";
            }
            default -> {
                headers.add(Map.entry("Accept", pick(BAD_ACCEPTS)));
                what = "Accept " + headers.get(headers.size() - 1).getValue();
            }
        }
        if (instance != null) {
            headers.add(Map.entry("APS-Instance-ID", instance));
        }
        if (uri != null) {
            headers.add(Map.entry("APS-Controller-URI", uri));
        }
        headers.add(Map.entry("APS-Request-Phase", phase));
        return new HostileRequest("headers", what, template.method(), template.path(), headers, body, false, true);
    }

    /** A body declared as something else than JSON in UTF-8. */
    private HostileRequest contentHeaders() {
        Template template = anyTemplate();
        String type = pick(BAD_CONTENT_TYPES);
        return new HostileRequest("content type", type, template.method(), template.path(),
                headers(template.instanceHeader(), type), json(template.body()), false, true);
    }

    /** Methods an address does not have, and addresses that do not exist. */
    private HostileRequest methodOrPath() {
        Template template = anyTemplate();
        byte[] body = json(template.body());
        String instance = known.instance().toString();
        List<String[]> wrong = List.of(
                new String[] {"PUT", "/vpses"}, new String[] {"DELETE", "/vpses"}, new String[] {"GET", "/vpses"},
                new String[] {"PATCH", "/vpses"}, new String[] {"POST", "/vpses/" + known.container()},
                new String[] {"PATCH", "/vpses/" + known.container()}, new String[] {"GET", "/clouds"},
                new String[] {"PUT", "/clouds"}, new String[] {"DELETE", "/clouds"}, new String[] {"POST", "/clouds/" + known.instance()},
                new String[] {"GET", "/clouds/" + known.instance() + "/upgrade"}, new String[] {"GET", "/contexts"},
                // Addresses Jetty itself refuses before any resource sees them.
                new String[] {"GET", "/vpses/%00"}, new String[] {"POST", "/vpses/..%2f..%2fetc%2fpasswd"},
                new String[] {"PUT", "/vpses/%2e%2e/" + known.container()}, new String[] {"DELETE", "/vpses//" + known.container()},
                new String[] {"POST", "/vpses/%C3%28"}, new String[] {"GET", "/clouds/%2F" + known.instance()},
                new String[] {"DELETE", "/contexts"}, new String[] {"PATCH", "/contexts/" + known.context()},
                new String[] {"POST", "/contexts/" + known.context() + "/vpses/" + known.container()},
                new String[] {pick(OTHER_METHODS), "/vpses"}, new String[] {pick(OTHER_METHODS), "/clouds/" + known.instance()},
                new String[] {"POST", "/"}, new String[] {"GET", "/"}, new String[] {"POST", "/vps"}, new String[] {"POST", "/VPSES"},
                new String[] {"POST", "/vpses/" + known.container() + "/x/y/z"}, new String[] {"POST", "/clouds/x"},
                new String[] {"GET", "/vpses/not-a-uuid"}, new String[] {"PUT", "/vpses/" + known.container() + "x"},
                new String[] {"GET", "/vpses/" + "a".repeat(1000 + random.nextInt(4000))}, new String[] {"POST", "/admin/tasks/gc"},
                new String[] {"GET", "/metrics"}, new String[] {"POST", "/vpses/a%20b"}, new String[] {"GET", "/vpses/%E2%82%AC"},
                new String[] {"DELETE", "/vpses/" + fresh().toString().toUpperCase() + "z"});
        String[] target = pick(wrong);
        boolean withBody = !target[0].equals("GET") && random.nextBoolean();
        return new HostileRequest("method or path", target[0] + " " + abbreviated(target[1]), target[0], target[1],
                headers(instance, "application/json"), withBody ? body : null, false, true);
    }

    /** Valid requests about resources that do not exist, or that belong to an instance that does not. */
    private HostileRequest unknownTarget() {
        UUID unknown = fresh();
        String instance = known.instance().toString();
        String[] target = pick(List.of(
                new String[] {"DELETE", "/vpses/" + unknown}, new String[] {"GET", "/vpses/" + unknown + "/start"},
                new String[] {"POST", "/vpses/" + unknown + "/stop"}, new String[] {"PUT", "/vpses/" + unknown + "/start"},
                new String[] {"POST", "/vpses/" + unknown + "/context"},
                new String[] {"DELETE", "/vpses/" + unknown + "/context/" + known.context()},
                new String[] {"DELETE", "/contexts/" + unknown}, new String[] {"POST", "/contexts/" + unknown + "/vpses"},
                new String[] {"PUT", "/vpses/" + unknown}, new String[] {"GET", "/vpses/" + unknown},
                new String[] {"POST", "/clouds/" + known.instance() + "/upgrade"},
                new String[] {"DELETE", "/clouds/" + known.instance()}, new String[] {"DELETE", "/vpses/" + known.container()},
                new String[] {"POST", "/vpses"}, new String[] {"POST", "/contexts"}));
        String what = target[0] + " " + target[1];
        // Another instance's id where an existing instance's resources are addressed.
        if (!target[1].contains(unknown.toString())) {
            instance = fresh().toString();
            what += " as unknown instance " + instance;
        }
        byte[] body = null;
        if (target[0].equals("PUT") && target[1].equals("/vpses/" + unknown)) {
            ObjectNode configure = ApsController.vps("vps-configure.json", unknown);
            body = json(configure);
        } else if (target[1].equals("/vpses")) {
            body = json(container().body());
        } else if (target[1].equals("/contexts")) {
            body = json(context().body());
        }
        String path = target[1].endsWith("/upgrade") ? target[1] + "?version=1.0" : target[1];
        // An unprovision of an id the instance never had is done (204), so a controller that lost an answer finishes.
        boolean mustBeRefused = !(target[0].equals("DELETE") && target[1].equals("/vpses/" + unknown));
        return new HostileRequest("unknown target", what, target[0], path, headers(instance, "application/json"),
                body, false, mustBeRefused);
    }

    // ---- repeats the connector may accept

    /** What the controller already did, again, in another legal form: it must change nothing. */
    private HostileRequest repeat() {
        String instance = known.instance().toString();
        ObjectNode body;
        String method = "POST";
        String path;
        switch (random.nextInt(4)) {
            case 0 -> {
                body = ApsController.fixture("cloud-install.json");
                body.with("aps").put("id", instance);
                path = "/clouds";
            }
            case 1 -> {
                body = ApsController.vps("vps-container.json", known.container());
                body.with("context").with("aps").put("id", known.context().toString());
                path = "/vpses";
            }
            case 2 -> {
                body = ApsController.fixture("context-provision.json");
                body.with("aps").put("id", known.context().toString());
                path = "/contexts";
            }
            default -> {
                body = ApsController.fixture("link-notification.json");
                path = "/contexts/" + known.context() + "/vpses";
            }
        }
        String form = pick(List.of("plain", "BOM", "charset", "gzip", "chunked", "unknown field", "async phase"));
        List<Map.Entry<String, String>> headers = headers(instance, "application/json");
        byte[] bytes = json(body);
        boolean chunked = false;
        switch (form) {
            case "BOM" -> bytes = concat(bytes(0xEF, 0xBB, 0xBF), bytes);
            case "charset" -> headers = headers(instance, "application/json; charset="
                    + pick(List.of("utf-8", "UTF-8", "\"UTF-8\"", "Utf-8")));
            case "gzip" -> {
                bytes = gzip(bytes);
                headers = with(headers, "Content-Encoding", "gzip");
            }
            case "chunked" -> chunked = true;
            case "unknown field" -> {
                body.put("comment", "x".repeat(random.nextInt(10_000)));
                bytes = json(body);
            }
            case "async phase" -> headers = with(headers(instance, "application/json"), "APS-Request-Phase", "async");
            default -> {
            }
        }
        return new HostileRequest("repeat", form + " " + method + " " + path, method, path, headers, bytes, chunked, false);
    }

    // ---- values

    private record RawJson(String text) {
    }

    private Object hostileValue(Field field) {
        return switch (field.kind()) {
            case TEXT, PEM -> hostileText(field);
            case INT -> pick(List.of(NODES.numberNode(0), NODES.numberNode(-1), NODES.numberNode(Integer.MIN_VALUE),
                    NODES.numberNode(Integer.MAX_VALUE), NODES.numberNode(100_000), NODES.numberNode(2_147_483_648L),
                    NODES.numberNode(2.5), NODES.numberNode(1e3), NODES.textNode("2"), NODES.textNode(""),
                    NODES.booleanNode(true), NODES.nullNode(), NODES.arrayNode().add(1), NODES.objectNode(),
                    new RawJson(pick(RAW_BAD_NUMBERS))));
            case BOOL -> pick(List.of(NODES.textNode("true"), NODES.numberNode(1), NODES.numberNode(0), NODES.nullNode(),
                    NODES.textNode("yes"), NODES.arrayNode(), NODES.objectNode(), new RawJson(pick(RAW_BAD_BOOLEANS))));
            case UUID -> {
                List<Object> values = new ArrayList<>(BAD_UUIDS.stream().map(NODES::textNode).toList());
                values.addAll(List.of(NODES.numberNode(42), NODES.booleanNode(false), NODES.objectNode(),
                        NODES.arrayNode().add(fresh().toString())));
                if (field.required()) {
                    values.add(NODES.nullNode());
                }
                yield pick(values);
            }
            case LINK -> pick(List.of(NODES.textNode(fresh().toString()), NODES.numberNode(1), NODES.booleanNode(true),
                    NODES.arrayNode(), NODES.objectNode().set("aps", NODES.textNode("strong")),
                    NODES.objectNode().set("aps", NODES.objectNode())));
            case OBJECT -> pick(List.of(NODES.textNode("x"), NODES.numberNode(1), NODES.booleanNode(true),
                    NODES.arrayNode(), NODES.arrayNode().add(NODES.objectNode())));
        };
    }

    private Object hostileText(Field field) {
        String valid = field.kind() == Kind.PEM ? "-----BEGIN CERTIFICATE-----\nMIIB\r\n-----END CERTIFICATE-----\n" : "web-01";
        int at = random.nextInt(valid.length() + 1);
        return switch (random.nextInt(8)) {
            case 0 -> NODES.textNode(valid.substring(0, at) + '\u0000' + valid.substring(at));
            case 1 -> NODES.textNode(valid.substring(0, at) + controlCharacter(field.kind() == Kind.PEM) + valid.substring(at));
            // Escaped: a lone surrogate cannot be written as UTF-8 at all.
            case 2 -> new RawJson(NODES.textNode(valid.substring(0, at)).toString().replaceFirst("\"$", "")
                    + pick(List.of("\\ud800", "\\uDFFF", "\\udc00\\ud800", "\\uDBFF")) + NODES.textNode(valid.substring(at)).toString().substring(1));
            case 3 -> NODES.textNode("a".repeat(field.maxLength() + 1 + random.nextInt(Math.min(field.maxLength(), 3000))));
            case 4 -> NODES.textNode("é".repeat(field.maxLength() + 1));
            case 5 -> pick(List.of(NODES.numberNode(5), NODES.booleanNode(true), NODES.objectNode(),
                    NODES.arrayNode().add(valid)));
            case 6 -> NODES.textNode(valid + "\u001b[2J\u001b[31m" + valid);
            default -> NODES.textNode(pick(List.of("\u0085", "\u009b", "\u007f", "\u0000")) + valid);
        };
    }

    private char controlCharacter(boolean lineBreaksAllowed) {
        while (true) {
            int candidate = random.nextInt(3) == 0 ? 0x7f + random.nextInt(0x21) : random.nextInt(0x20);
            if (!(lineBreaksAllowed && (candidate == '\n' || candidate == '\r'))) {
                return (char) candidate;
            }
        }
    }

    // ---- building bodies

    private static ObjectNode set(ObjectNode body, String pointer, JsonNode value) {
        JsonPointer path = JsonPointer.compile(pointer);
        ObjectNode parent = (ObjectNode) body.at(path.head());
        parent.set(path.last().getMatchingProperty(), value);
        return body;
    }

    /** The body with {@code raw} bytes as the value at {@code pointer} (or inside its quotes). */
    private static byte[] withRaw(ObjectNode body, String pointer, byte[] raw, boolean asValue) {
        byte[] marked = json(set(body, pointer, NODES.textNode(MARK)));
        byte[] mark = (asValue ? "\"" + MARK + "\"" : MARK).getBytes(StandardCharsets.UTF_8);
        int at = indexOf(marked, mark);
        return concat(Arrays.copyOf(marked, at), raw, Arrays.copyOfRange(marked, at + mark.length, marked.length));
    }

    private HostileRequest maybeCompressed(HostileRequest request) {
        if (random.nextInt(6) != 0 || request.body() == null) {
            return request;
        }
        return new HostileRequest(request.family(), request.what() + " (gzip)", request.method(), request.path(),
                with(request.headers(), "Content-Encoding", "gzip"), gzip(request.body()), request.chunked(), true);
    }

    private static HostileRequest refused(String family, String what, Template template, byte[] body) {
        return new HostileRequest(family, template.name() + ": " + what, template.method(), template.path(),
                headers(template.instanceHeader(), "application/json"), body, false, true);
    }

    private static List<Map.Entry<String, String>> headers(String instance, String contentType) {
        return List.of(Map.entry("Content-Type", contentType), Map.entry("APS-Instance-ID", instance),
                Map.entry("APS-Controller-URI", ApsController.CONTROLLER_URI), Map.entry("APS-Request-Phase", "sync"));
    }

    private static List<Map.Entry<String, String>> with(List<Map.Entry<String, String>> headers, String name, String value) {
        List<Map.Entry<String, String>> changed = new ArrayList<>(headers.stream()
                .filter(header -> !header.getKey().equalsIgnoreCase(name)).toList());
        changed.add(Map.entry(name, value));
        return changed;
    }

    private static byte[] json(JsonNode body) {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] gzip(byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** {@code template}'s body with a field of {@code inflated} spaces, gzipped: a few hundred KB that inflate to it. */
    private static byte[] bomb(Template template, long inflated) {
        byte[] marked = json(set(template.body(), "/padding", NODES.textNode(MARK)));
        int at = indexOf(marked, MARK.getBytes(StandardCharsets.UTF_8));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out, 64 * 1024)) {
            gzip.write(marked, 0, at);
            byte[] spaces = new byte[1024 * 1024];
            Arrays.fill(spaces, (byte) ' ');
            for (long written = 0; written < inflated; written += spaces.length) {
                gzip.write(spaces);
            }
            gzip.write(marked, at + MARK.length(), marked.length - at - MARK.length());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static byte[] insertAfterFirstBrace(byte[] json, String inserted) {
        return concat(Arrays.copyOf(json, 1), inserted.getBytes(StandardCharsets.UTF_8), Arrays.copyOfRange(json, 1, json.length));
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new IllegalArgumentException("mark not found");
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] bytes(int... values) {
        byte[] bytes = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            bytes[i] = (byte) values[i];
        }
        return bytes;
    }

    private static String hex(byte[] bytes) {
        StringBuilder text = new StringBuilder();
        for (byte b : bytes) {
            text.append(String.format("%02X ", b & 0xff));
        }
        return text.toString().strip();
    }

    // The JDK client sends only visible ASCII, spaces and tabs in header values.
    private static boolean sendableInHeader(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }

    private static String describe(Object value) {
        return abbreviated(value instanceof RawJson raw ? raw.text() : String.valueOf(value));
    }

    private static String abbreviated(String text) {
        StringBuilder shown = new StringBuilder();
        text.chars().limit(60).forEach(c -> shown.append(c < 0x20 || (c >= 0x7f && c < 0xa0) || Character.isSurrogate((char) c)
                ? String.format("\\u%04x", c) : String.valueOf((char) c)));
        return text.length() > 60 ? shown + "... (" + text.length() + " characters)" : shown.toString();
    }

    private static <T> List<T> iterable(java.util.Iterator<T> iterator) {
        List<T> list = new ArrayList<>();
        iterator.forEachRemaining(list::add);
        return list;
    }

    private UUID fresh() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private <T> T pick(List<T> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
