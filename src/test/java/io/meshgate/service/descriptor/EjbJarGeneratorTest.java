package io.meshgate.service.descriptor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.meshgate.service.MeshService;
import java.io.ByteArrayInputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

class EjbJarGeneratorTest {

    private static final Path CLASSES = Path.of("target/classes");
    private static final String JAKARTAEE = "https://jakarta.ee/xml/ns/jakartaee";
    private static final String ADAPTER = "meshgate-ra";
    private static final Map<String, Integer> CONSUMERS = Map.of("echo", 8, "notify", 8, "time", 8, "work", 16,
            "work-once", 16);

    private static Map<String, MeshService> services;

    @BeforeAll
    static void scanTheCompiledClasses() throws Exception {
        services = EjbJarGenerator.scan(CLASSES);
    }

    private static Document parse(String xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        var builder = factory.newDocumentBuilder();
        // the GlassFish descriptor names an external DTD: never fetch it
        builder.setEntityResolver((publicId, systemId) -> new InputSource(new StringReader("")));
        return builder.parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && name.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static String text(Element parent, String name) {
        List<Element> found = children(parent, name);
        assertEquals(1, found.size(), "number of <" + name + "> in <" + parent.getLocalName() + ">");
        return found.get(0).getTextContent().trim();
    }

    private static List<Element> all(Document doc, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = doc.getElementsByTagNameNS("*", name);
        for (int i = 0; i < nodes.getLength(); i++) {
            found.add((Element) nodes.item(i));
        }
        return found;
    }

    /** The message-driven beans of the generated descriptor, by ejb-name. */
    private static Map<String, Element> messageDrivenBeans() throws Exception {
        Map<String, Element> beans = new LinkedHashMap<>();
        for (Element md : all(parse(EjbJarGenerator.descriptor(services, ADAPTER)), "message-driven")) {
            beans.put(text(md, "ejb-name"), md);
        }
        return beans;
    }

    private static Map<String, String> activationConfig(Element messageDriven) {
        Map<String, String> config = new LinkedHashMap<>();
        for (Element ac : children(messageDriven, "activation-config")) {
            for (Element p : children(ac, "activation-config-property")) {
                config.put(text(p, "activation-config-property-name"), text(p, "activation-config-property-value"));
            }
        }
        return config;
    }

    private static Map<String, String> activationConfigOf(String service) throws Exception {
        return activationConfig(messageDrivenBeans().get("meshgate-service-" + service));
    }

    @Test
    void scanFindsExactlyTheSampleServices() {
        assertEquals(List.of("echo", "notify", "time", "work-once", "work"), List.copyOf(services.keySet()));
    }

    @Test
    void scanReadsTheConsumersOfEachService() {
        Map<String, Integer> consumers = new LinkedHashMap<>();
        services.forEach((id, meta) -> consumers.put(id, meta.consumers()));

        assertEquals(CONSUMERS, consumers);
    }

    @Test
    void scanRejectsTwoClassesClaimingOneService(@TempDir Path classes) throws Exception {
        Path pkg = Files.createDirectories(classes.resolve("io/meshgate/service/descriptor/fixtures"));
        Files.createFile(pkg.resolve("DuplicateServiceA.class"));
        Files.createFile(pkg.resolve("DuplicateServiceB.class"));

        IllegalStateException e = assertThrows(IllegalStateException.class, () -> EjbJarGenerator.scan(classes));

        assertEquals("two classes claim service 'dup'", e.getMessage());
    }

    @Test
    void descriptorIsAnEjbJar40Document() throws Exception {
        Element root = parse(EjbJarGenerator.descriptor(services, ADAPTER)).getDocumentElement();

        assertEquals("ejb-jar", root.getLocalName());
        assertEquals(JAKARTAEE, root.getNamespaceURI());
        assertEquals("4.0", root.getAttribute("version"));
    }

    @Test
    void descriptorDeclaresOneMessageDrivenBeanPerService() throws Exception {
        assertEquals(List.of("meshgate-service-echo", "meshgate-service-notify", "meshgate-service-time", "meshgate-service-work-once",
                        "meshgate-service-work"),
                List.copyOf(messageDrivenBeans().keySet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyBeanIsTheRequestListenerAsJmsMessageListener(String service) throws Exception {
        Element md = messageDrivenBeans().get("meshgate-service-" + service);

        assertEquals("io.meshgate.service.RequestListener", text(md, "ejb-class"));
        assertEquals("jakarta.jms.MessageListener", text(md, "messaging-type"));
        assertEquals("Container", text(md, "transaction-type"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyBeanListensOnTheServiceTopic(String service) throws Exception {
        Map<String, String> config = activationConfigOf(service);

        assertEquals("meshgate.service." + service, config.get("destination"));
        assertEquals("jakarta.jms.Topic", config.get("destinationType"));
        assertEquals("false", config.get("useJNDI"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyBeanSharesOneDurableSubscriptionNamedAfterTheService(String service) throws Exception {
        Map<String, String> config = activationConfigOf(service);

        assertEquals("Durable", config.get("subscriptionDurability"));
        assertEquals("true", config.get("shareSubscriptions"));
        assertEquals("meshgate-service-" + service, config.get("subscriptionName"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyBeanHasMaxSessionEqualToTheAnnotatedConsumers(String service) throws Exception {
        assertEquals(Integer.toString(CONSUMERS.get(service)), activationConfigOf(service).get("maxSession"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"echo", "notify", "time", "work", "work-once"})
    void everyBeanHasConsumerWindowSizeZero(String service) throws Exception {
        assertEquals("0", activationConfigOf(service).get("consumerWindowSize"));
    }

    @Test
    void everyBeanHasExactlyTheExpectedActivationProperties() throws Exception {
        for (Element md : messageDrivenBeans().values()) {
            assertEquals(List.of("useJNDI", "destination", "destinationType", "subscriptionDurability",
                    "subscriptionName", "shareSubscriptions", "maxSession", "consumerWindowSize", "acknowledgeMode"),
                    List.copyOf(activationConfig(md).keySet()));
        }
    }

    @Test
    void everyBeanHasANotSupportedContainerTransactionForAllMethods() throws Exception {
        Map<String, String> attributes = new LinkedHashMap<>();
        for (Element ct : all(parse(EjbJarGenerator.descriptor(services, ADAPTER)), "container-transaction")) {
            Element method = children(ct, "method").get(0);
            assertEquals("*", text(method, "method-name"));
            attributes.put(text(method, "ejb-name"), text(ct, "trans-attribute"));
        }

        assertEquals(Map.of("meshgate-service-echo", "NotSupported", "meshgate-service-notify", "NotSupported",
                "meshgate-service-time", "NotSupported",
                "meshgate-service-work", "NotSupported", "meshgate-service-work-once", "NotSupported"), attributes);
    }

    @Test
    void glassfishDescriptorBindsEveryBeanToTheAdapter() throws Exception {
        Document doc = parse(EjbJarGenerator.glassfishDescriptor(services, ADAPTER));
        Map<String, String> bindings = new LinkedHashMap<>();
        for (Element ejb : all(doc, "ejb")) {
            Element mdbAdapter = children(ejb, "mdb-resource-adapter").get(0);
            bindings.put(text(ejb, "ejb-name"), text(mdbAdapter, "resource-adapter-mid"));
        }

        assertEquals("glassfish-ejb-jar", doc.getDocumentElement().getLocalName());
        assertEquals(Map.of("meshgate-service-echo", ADAPTER, "meshgate-service-notify", ADAPTER,
                "meshgate-service-time", ADAPTER,
                "meshgate-service-work", ADAPTER, "meshgate-service-work-once", ADAPTER), bindings);
    }

    @Test
    void mainWritesBothDescriptors(@TempDir Path out) throws Exception {
        Path ejbJar = out.resolve("WEB-INF/ejb-jar.xml");

        EjbJarGenerator.main(new String[] {CLASSES.toString(), ejbJar.toString(), ADAPTER});

        assertEquals(EjbJarGenerator.descriptor(services, ADAPTER), Files.readString(ejbJar));
        assertEquals(EjbJarGenerator.glassfishDescriptor(services, ADAPTER),
                Files.readString(out.resolve("WEB-INF/glassfish-ejb-jar.xml")));
    }

    @Test
    void mainRejectsWrongNumberOfArguments() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> EjbJarGenerator.main(new String[] {CLASSES.toString()}));

        assertEquals("usage: EjbJarGenerator <classes folder> <output file> <adapter name>", e.getMessage());
    }

    @Test
    void descriptorOfNoServicesIsStillWellFormed() throws Exception {
        Document doc = parse(EjbJarGenerator.descriptor(Map.of(), ADAPTER));

        assertTrue(all(doc, "message-driven").isEmpty());
        assertEquals(1, all(doc, "enterprise-beans").size());
    }
}
