package io.meshgate.service.samples;

import io.meshgate.service.ServiceCall;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * When {@code meshgate.samples.executionLog} names a file, the sample services append one line per
 * handler run to it: {@code <service> <idempotency key>}. Each line is one {@code write} call, so
 * it survives the node being killed right after. The fault checker ({@code bin/meshgate chaos})
 * reads these files to count requests that ran twice. Off (no file) by default.
 *
 * <p>Thread-safe: lines are appended under the channel's lock.
 */
@ApplicationScoped
public class ExecutionJournal {

    @Inject
    @ConfigProperty(name = "meshgate.samples.executionLog")
    Optional<String> file;

    private FileChannel channel;

    @PostConstruct
    void open() {
        if (file.isEmpty() || file.get().isBlank()) {
            return;
        }
        try {
            channel = FileChannel.open(Path.of(file.get()), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the execution log " + file.get(), e);
        }
    }

    /** Records that a handler is running a call (nothing when the journal is off). */
    public void ran(ServiceCall call) {
        if (channel == null) {
            return;
        }
        byte[] line = (call.service() + " " + call.idempotencyKey() + "\n").getBytes(StandardCharsets.UTF_8);
        try {
            synchronized (this) {
                channel.write(ByteBuffer.wrap(line));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot append to the execution log", e);
        }
    }

    @PreDestroy
    void close() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot close the execution log", e);
            }
        }
    }
}
