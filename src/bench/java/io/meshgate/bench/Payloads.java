package io.meshgate.bench;

import java.nio.charset.StandardCharsets;

/** JSON request payloads of a given size, shaped like an order with lines (compressible as real JSON is). */
final class Payloads {

    private Payloads() {
    }

    static byte[] json(int size) {
        StringBuilder b = new StringBuilder("{\"kind\":\"req\",\"id\":\"42\",\"service\":\"orders\",\"type\":\"create\",\"params\":{");
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
}
