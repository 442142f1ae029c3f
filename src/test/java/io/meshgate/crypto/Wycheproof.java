package io.meshgate.crypto;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Loads Project Wycheproof test vector files (Apache License 2.0, see {@code wycheproof/LICENSE})
 * from the test classpath, {@code src/test/resources/wycheproof/}, where they are kept exactly as
 * published. Each file holds test groups (shared parameters such as key sizes or a public key) of
 * test cases, each with a {@code tcId}, a {@code comment}, {@code flags} and a {@code result}.
 */
final class Wycheproof {

    /** What Wycheproof expects of an implementation for a test case. */
    enum Result {
        /** Must be accepted, with exactly the stated output. */
        VALID,
        /** Must be rejected. */
        INVALID,
        /** May be accepted or rejected; if accepted, the output must be the stated one. */
        ACCEPTABLE
    }

    /** One test case, with the group it belongs to. */
    record Vector(String file, JsonNode group, JsonNode test) {

        int tcId() {
            return test.get("tcId").asInt();
        }

        String comment() {
            return test.path("comment").asText("");
        }

        List<String> flags() {
            List<String> flags = new ArrayList<>();
            test.path("flags").forEach(f -> flags.add(f.asText()));
            return flags;
        }

        Result result() {
            return Result.valueOf(test.get("result").asText().toUpperCase(Locale.ROOT));
        }

        /** A test case field. */
        JsonNode field(String name) {
            JsonNode value = test.get(name);
            if (value == null) {
                throw new IllegalArgumentException(file + " tcId " + tcId() + " has no field " + name);
            }
            return value;
        }

        /** A hex-encoded test case field. */
        byte[] hex(String name) {
            return Wycheproof.hex(field(name).asText());
        }

        /** A hex-encoded field of the test's group. */
        byte[] groupHex(String name) {
            JsonNode value = group.get(name);
            if (value == null) {
                throw new IllegalArgumentException(file + " group of tcId " + tcId() + " has no field " + name);
            }
            return Wycheproof.hex(value.asText());
        }

        /** What the test reports: "tcId 17: comment [Flag, Flag]". */
        @Override
        public String toString() {
            String comment = comment();
            return "tcId " + tcId() + ":" + (comment.isEmpty() ? "" : " " + comment) + " " + flags();
        }
    }

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final Map<String, JsonNode> FILES = new ConcurrentHashMap<>();

    private Wycheproof() {
    }

    /** The parsed file {@code wycheproof/<name>}, cached. */
    static JsonNode load(String name) {
        return FILES.computeIfAbsent(name, Wycheproof::read);
    }

    private static JsonNode read(String name) {
        String resource = "/wycheproof/" + name;
        try (InputStream in = Wycheproof.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }

    /** All test cases of a file. */
    static List<Vector> vectors(String name) {
        return vectors(name, group -> true);
    }

    /** The test cases of the groups the filter keeps, in file order. */
    static List<Vector> vectors(String name, Predicate<JsonNode> groupFilter) {
        List<Vector> out = new ArrayList<>();
        for (JsonNode group : load(name).get("testGroups")) {
            if (groupFilter.test(group)) {
                for (JsonNode test : group.get("tests")) {
                    out.add(new Vector(name, group, test));
                }
            }
        }
        return out;
    }

    /** The number of test cases the file's header declares. */
    static int declaredCount(String name) {
        return load(name).get("numberOfTests").asInt();
    }

    static byte[] hex(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
