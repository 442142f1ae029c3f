package io.meshgate.bench;

import io.meshgate.cluster.NodeIdentity;
import io.meshgate.envelope.Envelope;
import io.meshgate.envelope.JmsBinding;
import io.meshgate.envelope.MeshReply;
import io.meshgate.envelope.MeshRequest;
import io.meshgate.messaging.JmsEnvelopes;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSContext;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.activemq.artemis.api.core.ActiveMQException;
import org.apache.activemq.artemis.api.core.client.ActiveMQClient;
import org.apache.activemq.artemis.api.core.client.ClientSession;
import org.apache.activemq.artemis.core.client.impl.ClientMessageImpl;
import org.apache.activemq.artemis.core.persistence.CoreMessageObjectPools;
import org.apache.activemq.artemis.jms.client.ActiveMQBytesMessage;
import org.apache.activemq.artemis.jms.client.ActiveMQMessage;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * The JMS mapping of a request or a reply envelope (1 KiB of JSON data) on real Artemis messages,
 * without a broker. {@code toProperties}/{@code fromProperties}: {@link JmsBinding} alone, between
 * the envelope and its {@code cloudEvents_*} property map. {@code toMessage}: all of
 * {@link JmsEnvelopes#toMessage}, from creating the Artemis bytes message (as Artemis's JMS session
 * does, on a core client session that can only create messages) to writing the properties and the
 * body; the core encoding done at send is not part of it. {@code fromMessage}: all of
 * {@link JmsEnvelopes#fromMessage} on one received message, read over and over, whose properties
 * Artemis has decoded already. {@code fromDeliveredMessage}: the same on a message just decoded
 * from the bytes the broker delivers (as the Artemis client does on receipt), so it includes
 * Artemis decoding the properties on the first access.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class JmsMappingBench {

    @Param({"request", "reply"})
    String kind;

    private static final int SIZE = 1024;
    private static final Instant TIME = Instant.parse("2025-01-02T03:04:05.123Z");

    private final CoreMessageObjectPools pools = new CoreMessageObjectPools();
    private final JMSContext context = context(session(pools));
    private Envelope envelope;
    private Map<String, Object> properties;
    private byte[] data;
    private byte[] delivered;
    private Message received;

    @Setup
    public void setUp() throws Exception {
        byte[] json = Payloads.params(SIZE);
        MeshRequest request = new MeshRequest("q2Lw8yR0T5i1kX3vZ7bN4A", "orders", "create", json, "s-7f3a9c21",
                "node-a", NodeIdentity.replyDestination("node-a"), TIME.plusSeconds(30), 80, 0, "order-42", TIME, null);
        envelope = switch (kind) {
            case "request" -> request.toEnvelope();
            case "reply" -> MeshReply.result(request.correlationId(), "node-b", json, TIME.plusMillis(64)).toEnvelope();
            default -> throw new IllegalArgumentException("kind " + kind);
        };
        properties = JmsBinding.toProperties(envelope);
        data = envelope.data();

        ActiveMQMessage sent = (ActiveMQMessage) toMessage();
        sent.doBeforeSend();
        ByteBuf wire = Unpooled.buffer(sent.getCoreMessage().getEncodeSize());
        sent.getCoreMessage().sendBuffer(wire, 0);
        delivered = ByteBufUtil.getBytes(wire);
        received = receive(delivered);

        check(fromProperties().equals(envelope), "JmsBinding");
        check(fromMessage().equals(envelope) && fromMessage().equals(envelope), "a received message");
        check(fromDeliveredMessage().equals(envelope), "a delivered message");
    }

    @Benchmark
    public Map<String, Object> toProperties() {
        return JmsBinding.toProperties(envelope);
    }

    @Benchmark
    public Envelope fromProperties() {
        return JmsBinding.fromProperties(properties, data);
    }

    @Benchmark
    public BytesMessage toMessage() throws JMSException {
        return JmsEnvelopes.toMessage(context, envelope);
    }

    @Benchmark
    public Envelope fromMessage() throws JMSException {
        return JmsEnvelopes.fromMessage(received);
    }

    @Benchmark
    public Envelope fromDeliveredMessage() throws Exception {
        return JmsEnvelopes.fromMessage(receive(delivered));
    }

    /** The JMS message the Artemis client makes of a delivered message (a copy of the bytes, as on receipt). */
    private Message receive(byte[] bytes) throws ActiveMQException {
        ClientMessageImpl core = new ClientMessageImpl(pools);
        core.receiveBuffer(Unpooled.copiedBuffer(bytes));
        ActiveMQMessage m = ActiveMQMessage.createMessage(core, null);
        m.doBeforeReceive();
        return m;
    }

    /** A core session that only creates messages, the way Artemis's own session does. */
    private static ClientSession session(CoreMessageObjectPools pools) {
        return (ClientSession) Proxy.newProxyInstance(ClientSession.class.getClassLoader(),
                new Class<?>[] {ClientSession.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createMessage") && method.getParameterCount() == 5) {
                        return new ClientMessageImpl((byte) args[0], (boolean) args[1], (long) args[2],
                                (long) args[3], (byte) args[4], ActiveMQClient.DEFAULT_INITIAL_MESSAGE_PACKET_SIZE,
                                pools);
                    }
                    return unsupported(method);
                });
    }

    /** A JMS context that only creates bytes messages, as Artemis's JMS session does. */
    private static JMSContext context(ClientSession session) {
        return (JMSContext) Proxy.newProxyInstance(JMSContext.class.getClassLoader(),
                new Class<?>[] {JMSContext.class}, (proxy, method, args) -> {
                    if (method.getName().equals("createBytesMessage")) {
                        return new SendableBytesMessage(session);
                    }
                    return unsupported(method);
                });
    }

    private static Object unsupported(Method method) {
        throw new UnsupportedOperationException(method.getName() + " is not needed to map envelopes");
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw new IllegalStateException("the envelope does not come back from " + what);
        }
    }

    /** Artemis's bytes message, through the constructor its session uses to make one to send. */
    private static final class SendableBytesMessage extends ActiveMQBytesMessage {
        SendableBytesMessage(ClientSession session) {
            super(session);
        }
    }
}
