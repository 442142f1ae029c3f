package io.meshgate.wire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.meshgate.wire.MeshgateException.Kind;
import java.io.IOException;
import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MeshgateExceptionTest {

    @Test
    void everyKindHasAUniqueCode() {
        long distinct = Arrays.stream(Kind.values()).map(Kind::code).distinct().count();

        assertEquals(Kind.values().length, distinct);
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void ofCodeFindsTheKindOfItsOwnCode(Kind kind) {
        assertSame(kind, Kind.ofCode(kind.code()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"NO_SUCH_KIND", "bad_request"})
    void ofCodeOfUnknownCodeGivesInternal(String code) {
        assertSame(Kind.INTERNAL, Kind.ofCode(code));
    }

    @ParameterizedTest
    @NullAndEmptySource
    void ofCodeOfNullOrEmptyGivesInternal(String code) {
        assertSame(Kind.INTERNAL, Kind.ofCode(code));
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void closesSessionExactlyWhenTheCloseCodeIsNotZero(Kind kind) {
        assertEquals(kind.closeCode() != 0, kind.closesSession());
    }

    @ParameterizedTest
    @EnumSource(Kind.class)
    void onlyUnavailableIsRetryable(Kind kind) {
        assertEquals(kind == Kind.UNAVAILABLE, kind.retryable());
    }

    @Test
    void closeCodesAreTheWebSocketCodesOfEachKind() {
        Map<Kind, Integer> codes = Arrays.stream(Kind.values())
                .collect(Collectors.toMap(Function.identity(), Kind::closeCode));

        assertEquals(Map.ofEntries(Map.entry(Kind.BAD_REQUEST, 0), Map.entry(Kind.NO_SUCH_SERVICE, 0),
                Map.entry(Kind.HANDLER_ERROR, 0), Map.entry(Kind.TIMEOUT, 0), Map.entry(Kind.OVERLOADED, 0),
                Map.entry(Kind.UNAVAILABLE, 0), Map.entry(Kind.INTERRUPTED, 0), Map.entry(Kind.RESUME_REFUSED, 0),
                Map.entry(Kind.MALFORMED_FRAME, 1007), Map.entry(Kind.FRAME_TOO_LARGE, 1009),
                Map.entry(Kind.HANDSHAKE_FAILED, 4001), Map.entry(Kind.BAD_CERTIFICATE, 4002),
                Map.entry(Kind.HANDSHAKE_TIMEOUT, 4003), Map.entry(Kind.UNEXPECTED_FRAME, 4004),
                Map.entry(Kind.FRAME_REJECTED, 4005), Map.entry(Kind.TOO_MANY_IN_FLIGHT, 4006),
                Map.entry(Kind.RATE_LIMITED, 4007), Map.entry(Kind.GOING_AWAY, 1001),
                Map.entry(Kind.INTERNAL, 1011)), codes);
    }

    @Test
    void forRequestKeepsKindMessageAndCauseAndSetsTheId() {
        IOException cause = new IOException("disk");
        MeshgateException original = MeshgateException.internal("cannot write", cause);

        MeshgateException e = original.forRequest("r1");

        assertEquals(Kind.INTERNAL, e.kind());
        assertEquals("cannot write", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals("r1", e.requestId());
        assertNull(original.requestId());
    }

    @Test
    void timeoutNamesTheTimeout() {
        MeshgateException e = MeshgateException.timeout(250);

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals("no answer within 250 ms", e.getMessage());
    }

    @Test
    void noSuchServiceNamesTheService() {
        assertEquals("no live node hosts service 'orders'", MeshgateException.noSuchService("orders").getMessage());
    }

    @Test
    void handlerErrorTakesTheCauseMessage() {
        MeshgateException e = MeshgateException.handlerError(new IllegalStateException("boom"));

        assertEquals(Kind.HANDLER_ERROR, e.kind());
        assertEquals("boom", e.getMessage());
    }

    @Test
    void handlerErrorFallsBackToTheCauseClassNameWithoutMessage() {
        assertEquals("IllegalStateException",
                MeshgateException.handlerError(new IllegalStateException()).getMessage());
    }

    @Test
    void errorMessageOfExceptionCarriesCodeMessageAndRequestId() {
        MeshgateException e = MeshgateException.overloaded("busy").forRequest("r1");

        WireMessage.ErrorMessage m = WireMessage.ErrorMessage.of(e, "node-a", null);

        assertEquals(new WireMessage.ErrorMessage("r1", "OVERLOADED", "busy", "node-a", null), m);
    }

    @Test
    void errorMessageToExceptionGivesKindOfItsCode() {
        MeshgateException e = new WireMessage.ErrorMessage("r1", "TIMEOUT", "late", "node-a", null).toException();

        assertEquals(Kind.TIMEOUT, e.kind());
        assertEquals("late", e.getMessage());
        assertEquals("r1", e.requestId());
    }

    @Test
    void errorMessageWithUnknownCodeBecomesInternal() {
        MeshgateException e = new WireMessage.ErrorMessage(null, "FROM_THE_FUTURE", "x", null, null).toException();

        assertEquals(Kind.INTERNAL, e.kind());
    }
}
