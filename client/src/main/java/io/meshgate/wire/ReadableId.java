package io.meshgate.wire;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import java.io.IOException;

/**
 * The second, best-effort read of a payload that {@link MessageCodec} refused as JSON (a duplicate
 * key, nesting deeper than {@link MessageCodec#MAX_NESTING}), so that the {@code BAD_REQUEST} can
 * name the request it answers: the id of a payload that is one JSON object whose top level has
 * exactly one {@code id} member, a string of valid form ({@link WireMessage#validId}). Duplicate keys
 * are tolerated, and nesting up to {@value #MAX_NESTING} levels; anything else (not JSON, not an
 * object, no or several top-level ids, deeper nesting) gives no id.
 *
 * <p>Bounded: one streaming pass over the payload (whose size the frame layer caps) that keeps
 * only the current path, at most {@value #MAX_NESTING} levels; no tree is built. Thread-safe.
 */
final class ReadableId {

    /** Deepest nesting the second read walks through. */
    static final int MAX_NESTING = 1_000;

    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(MAX_NESTING).build())
            .build();

    private ReadableId() {
    }

    /** The payload's top-level request id, or null when none can be read. */
    static String of(byte[] payload) {
        try (JsonParser p = FACTORY.createParser(payload)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            String id = null;
            int ids = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                boolean isId = "id".equals(p.currentName());
                JsonToken value = p.nextToken();
                if (isId) {
                    ids++;
                    id = value == JsonToken.VALUE_STRING ? p.getText() : null;
                }
                p.skipChildren();
            }
            boolean whole = p.currentToken() == JsonToken.END_OBJECT;
            return whole && ids == 1 && WireMessage.validId(id) ? id : null;
        } catch (IOException e) {
            return null;
        }
    }
}
