package io.meshgate.bench;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** JSON request payloads of a given size, shaped like an order with lines (compressible as real JSON is). */
final class Payloads {

    private static final String REQUEST_HEAD =
            "{\"kind\":\"req\",\"id\":\"42\",\"service\":\"orders\",\"type\":\"create\",\"params\":";

    private Payloads() {
    }

    static byte[] json(int size) {
        StringBuilder b = new StringBuilder(REQUEST_HEAD).append('{');
        int i = 0;
        while (b.length() < size - 40) {
            b.append("\"line").append(i).append("\":{\"sku\":\"SKU-").append(1000 + i * 7).append("\",\"qty\":")
                    .append(i % 9 + 1).append("},");
            i++;
        }
        if (b.charAt(b.length() - 1) == ',') {
            b.setLength(b.length() - 1);
        }
        b.append("}}");
        while (b.length() < size) {
            b.insert(b.length() - 2, ' ');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The params object of such a request alone, {@code size} bytes long: a request's params or a reply's result. */
    static byte[] params(int size) {
        byte[] request = json(size + REQUEST_HEAD.length() + 1);
        return Arrays.copyOfRange(request, REQUEST_HEAD.length(), request.length - 1);
    }
}
