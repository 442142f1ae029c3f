package io.meshgate.channel;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ContainerIdleTimerTest {

    /** The shape of Tyrus's session: the scheduler in a private field of a superclass. */
    static class TyrusLikeBase {
        private ScheduledExecutorService service = Executors.newSingleThreadScheduledExecutor();
    }

    static final class TyrusLikeSession extends TyrusLikeBase {
        ScheduledExecutorService scheduler() throws ReflectiveOperationException {
            var f = TyrusLikeBase.class.getDeclaredField("service");
            f.setAccessible(true);
            return (ScheduledExecutorService) f.get(this);
        }
    }

    static final class OtherSession {
        private String service = "not a scheduler";
    }

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stop() {
        timer.shutdownNow();
    }

    @Test
    void redirectReplacesTheSessionsSchedulerFieldInASuperclass() throws Exception {
        TyrusLikeSession session = new TyrusLikeSession();
        session.scheduler().shutdownNow();

        assertTrue(ContainerIdleTimer.redirect(session, timer));
        assertSame(timer, session.scheduler());
    }

    @Test
    void onlyTyrusSessionsAreTyrus() {
        assertTrue(ContainerIdleTimer.isTyrusClass("org.glassfish.tyrus.core.TyrusSession"));
        assertFalse(ContainerIdleTimer.isTyrusClass("io.undertow.websockets.jsr.UndertowSession"));
        assertFalse(ContainerIdleTimer.isTyrus(OtherSession.class));
    }

    @Test
    void redirectLeavesASessionWithoutSuchAFieldAlone() {
        OtherSession session = new OtherSession();

        assertFalse(ContainerIdleTimer.redirect(session, timer));
        assertFalse(ContainerIdleTimer.redirect(new Object(), timer));
    }
}
