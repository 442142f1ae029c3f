package io.meshgate.service.processor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ejb.ActivationConfigProperty;
import jakarta.ejb.MessageDriven;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.MessageListener;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The processor on the gateway's own services (compiled by the build, as a team's WAR is) and on
 * small sources compiled here, for what it refuses.
 */
class MeshServiceProcessorTest {

    private static final Map<String, String> SAMPLES = Map.of("echo", "EchoService", "notify", "NotifyService",
            "time", "TimeService", "work", "WorkService", "work-once", "WorkOnceService");
    private static final Map<String, String> CONSUMERS = Map.of("echo", "8", "notify", "8", "time", "8", "work", "16",
            "work-once", "16");

    @TempDir
    Path out;

    private static Class<?> listenerOf(String service) throws ClassNotFoundException {
        return Class.forName("io.meshgate.service.samples." + SAMPLES.get(service) + MeshServiceProcessor.SUFFIX);
    }

    private static Map<String, String> activation(String service) throws ClassNotFoundException {
        return Arrays.stream(listenerOf(service).getAnnotation(MessageDriven.class).activationConfig())
                .collect(Collectors.toMap(ActivationConfigProperty::propertyName, ActivationConfigProperty::propertyValue));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyServiceHasAMessageListenerBeanNamedAfterIt(String service) throws Exception {
        Class<?> listener = listenerOf(service);
        assertTrue(MessageListener.class.isAssignableFrom(listener));
        assertEquals("meshgate-service-" + service, listener.getAnnotation(MessageDriven.class).name());
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void theBeanSharesOneDurableSubscriptionOfTheServiceTopic(String service) throws Exception {
        Map<String, String> config = activation(service);
        assertEquals("meshgate.service." + service, config.get("destination"));
        assertEquals("jakarta.jms.Topic", config.get("destinationType"));
        assertEquals("Durable", config.get("subscriptionDurability"));
        assertEquals("meshgate-service-" + service, config.get("subscriptionName"));
        assertEquals("true", config.get("shareSubscriptions"));
        assertEquals("false", config.get("useJNDI"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void theBeanTakesAsManyMessagesAtOnceAsTheServiceHasConsumersAndBuffersNone(String service) throws Exception {
        Map<String, String> config = activation(service);
        assertEquals(CONSUMERS.get(service), config.get("maxSession"));
        assertEquals("0", config.get("consumerWindowSize"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void theBeanIsBoundToTheBuildsResourceAdapterOutsideAnyTransaction(String service) throws Exception {
        assertEquals("meshgate-ra", activation(service).get("resourceAdapter"));
        assertEquals(TransactionAttributeType.NOT_SUPPORTED,
                listenerOf(service).getAnnotation(TransactionAttribute.class).value());
    }

    @Test
    void theResourceAdapterOptionNamesTheAdapter() throws IOException {
        Result result = compile(List.of("-Ameshgate.resourceAdapter=other-ra"), source("a.Leave", """
                @io.meshgate.service.MeshService("leave")
                public class Leave implements io.meshgate.service.ServiceHandler {
                    public Object handle(io.meshgate.service.ServiceCall call) { return 1; }
                }"""));
        assertEquals(List.of(), result.errors());
        String generated = Files.readString(out.resolve("a/Leave_MeshListener.java"));
        assertTrue(generated.contains("propertyName = \"resourceAdapter\", propertyValue = \"other-ra\""), generated);
    }

    @Test
    void twoClassesClaimingOneServiceAreRefused() {
        Result result = compile(List.of(), handler("a.First", "dup"), handler("a.Second", "dup"));
        assertEquals(List.of("two classes claim service 'dup': a.First and a.Second"), result.errors());
    }

    @Test
    void aClassThatIsNotAServiceHandlerIsRefused() {
        Result result = compile(List.of(), source("a.Plain", """
                @io.meshgate.service.MeshService("plain")
                public class Plain {
                }"""));
        assertEquals(List.of("@MeshService class a.Plain must implement io.meshgate.service.ServiceHandler"),
                result.errors());
    }

    @Test
    void aNestedClassIsRefused() {
        Result result = compile(List.of(), source("a.Outer", """
                public class Outer {
                    @io.meshgate.service.MeshService("inner")
                    public static class Inner implements io.meshgate.service.ServiceHandler {
                        public Object handle(io.meshgate.service.ServiceCall call) { return 1; }
                    }
                }"""));
        assertEquals(List.of("@MeshService class a.Outer.Inner must be a public, concrete, top-level class"),
                result.errors());
    }

    @Test
    void anIdThatIsNotATopicNameSegmentIsRefused() {
        Result result = compile(List.of(), handler("a.Upper", "Leave.Balance"));
        assertEquals(List.of("@MeshService(\"Leave.Balance\") on a.Upper: a service id is lower-case letters, digits"
                + " and '-', starting with a letter or digit"), result.errors());
    }

    @Test
    void aRefusedClassGetsNoBean() {
        compile(List.of(), source("a.Plain", """
                @io.meshgate.service.MeshService("plain")
                public class Plain {
                }"""));
        assertFalse(Files.exists(out.resolve("a/Plain_MeshListener.java")));
    }

    @Test
    void anAdapterOptionThatIsNotANameIsRefused() {
        Result result = compile(List.of("-Ameshgate.resourceAdapter=a b"), handler("a.Leave", "leave"));
        assertEquals(List.of("option meshgate.resourceAdapter is not a resource adapter name: 'a b'"), result.errors());
    }

    private record Result(List<String> errors) {
    }

    private Result compile(List<String> options, JavaFileObject... sources) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> args = new ArrayList<>(List.of("-proc:only", "-s", out.toString(), "-d", out.toString(),
                "-classpath", System.getProperty("java.class.path")));
        args.addAll(options);
        JavaCompiler.CompilationTask task = javac.getTask(null, null, diagnostics, args, null, List.of(sources));
        task.setProcessors(List.of(new MeshServiceProcessor()));
        task.call();
        return new Result(diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR)
                .map(d -> d.getMessage(null)).toList());
    }

    private static JavaFileObject handler(String className, String id) {
        String simple = className.substring(className.lastIndexOf('.') + 1);
        return source(className, "@io.meshgate.service.MeshService(\"" + id + "\")\npublic class " + simple
                + " implements io.meshgate.service.ServiceHandler {\n"
                + "    public Object handle(io.meshgate.service.ServiceCall call) { return 1; }\n}");
    }

    private static JavaFileObject source(String className, String body) {
        String pkg = className.substring(0, className.lastIndexOf('.'));
        String code = "package " + pkg + ";\n\n" + body + "\n";
        return new SimpleJavaFileObject(URI.create("string:///" + className.replace('.', '/') + ".java"),
                JavaFileObject.Kind.SOURCE) {
            @Override
            public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                return code;
            }
        };
    }
}
