package io.meshgate.service.processor;

import io.meshgate.service.MeshService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.annotation.processing.AbstractProcessor;
import javax.annotation.processing.ProcessingEnvironment;
import javax.annotation.processing.RoundEnvironment;
import javax.annotation.processing.SupportedAnnotationTypes;
import javax.annotation.processing.SupportedOptions;
import javax.lang.model.SourceVersion;
import javax.lang.model.element.Element;
import javax.lang.model.element.ElementKind;
import javax.lang.model.element.Modifier;
import javax.lang.model.element.NestingKind;
import javax.lang.model.element.PackageElement;
import javax.lang.model.element.TypeElement;
import javax.lang.model.type.TypeMirror;
import javax.tools.Diagnostic;

/**
 * Turns each {@link MeshService} class into its message-driven bean at compile time: a class
 * {@code <Service>_MeshListener} beside it, annotated {@code @MessageDriven} with the service's
 * topic {@code meshgate.service.<id>}, one shared durable subscription {@code meshgate-service-<id>}
 * (so that the nodes compete for each request) and {@code maxSession} from
 * {@link MeshService#consumers()}, bound to the resource adapter named by the option
 * {@value #ADAPTER_OPTION} (default {@value #DEFAULT_ADAPTER}). The bean hands every message to
 * the gateway's {@code ServiceRequests}.
 *
 * <p>Classes rather than one {@code ejb-jar.xml}: a team's WAR built as an overlay of meshgate.war
 * then carries the beans of its own services beside ours, with no descriptor to merge.
 *
 * <p>Refused with a compile error, naming the class: a class that does not implement
 * {@code ServiceHandler}, one that is not a public top-level class, an id that is not a topic
 * name segment, and two classes claiming one id.
 *
 * <p>Threading: run by the compiler on one thread.
 */
@SupportedAnnotationTypes(MeshServiceProcessor.ANNOTATION)
@SupportedOptions(MeshServiceProcessor.ADAPTER_OPTION)
public final class MeshServiceProcessor extends AbstractProcessor {

    static final String ANNOTATION = "io.meshgate.service.MeshService";
    /** The processor option that names the resource adapter the beans are bound to. */
    public static final String ADAPTER_OPTION = "meshgate.resourceAdapter";
    /** The resource adapter's name when the option is not given. */
    public static final String DEFAULT_ADAPTER = "meshgate-ra";
    /** The suffix of a generated bean's class name. */
    public static final String SUFFIX = "_MeshListener";

    private static final Pattern SERVICE_ID = Pattern.compile("[a-z0-9][a-z0-9-]*");
    private static final Pattern ADAPTER_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private final Map<String, String> claimed = new HashMap<>();
    private String adapter;

    @Override
    public synchronized void init(ProcessingEnvironment env) {
        super.init(env);
        String option = env.getOptions().getOrDefault(ADAPTER_OPTION, DEFAULT_ADAPTER);
        if (ADAPTER_NAME.matcher(option).matches()) {
            adapter = option;
        } else {
            error(null, "option " + ADAPTER_OPTION + " is not a resource adapter name: '" + option + "'");
        }
    }

    @Override
    public SourceVersion getSupportedSourceVersion() {
        return SourceVersion.latestSupported();
    }

    @Override
    public boolean process(Set<? extends TypeElement> annotations, RoundEnvironment round) {
        if (adapter == null) {
            return true;
        }
        for (Element element : round.getElementsAnnotatedWith(MeshService.class)) {
            if (element instanceof TypeElement type && accepts(type)) {
                write(type, type.getAnnotation(MeshService.class));
            }
        }
        return true;
    }

    private boolean accepts(TypeElement type) {
        String name = type.getQualifiedName().toString();
        String id = type.getAnnotation(MeshService.class).value();
        if (type.getKind() != ElementKind.CLASS || type.getNestingKind() != NestingKind.TOP_LEVEL
                || !type.getModifiers().contains(Modifier.PUBLIC) || type.getModifiers().contains(Modifier.ABSTRACT)) {
            error(type, "@MeshService class " + name + " must be a public, concrete, top-level class");
            return false;
        }
        TypeMirror handler = processingEnv.getElementUtils().getTypeElement("io.meshgate.service.ServiceHandler").asType();
        if (!processingEnv.getTypeUtils().isAssignable(type.asType(), handler)) {
            error(type, "@MeshService class " + name + " must implement io.meshgate.service.ServiceHandler");
            return false;
        }
        if (!SERVICE_ID.matcher(id).matches()) {
            error(type, "@MeshService(\"" + id + "\") on " + name
                    + ": a service id is lower-case letters, digits and '-', starting with a letter or digit");
            return false;
        }
        String other = claimed.putIfAbsent(id, name);
        if (other != null) {
            error(type, "two classes claim service '" + id + "': " + other + " and " + name);
            return false;
        }
        return true;
    }

    private void write(TypeElement type, MeshService meta) {
        String pkg = ((PackageElement) type.getEnclosingElement()).getQualifiedName().toString();
        String simple = type.getSimpleName() + SUFFIX;
        try (Writer out = processingEnv.getFiler()
                .createSourceFile((pkg.isEmpty() ? "" : pkg + ".") + simple, type).openWriter()) {
            out.write(ListenerSource.of(pkg, simple, type.getQualifiedName().toString(), meta.value(),
                    meta.consumers(), adapter));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the message-driven bean of " + type.getQualifiedName(), e);
        }
    }

    private void error(Element at, String message) {
        processingEnv.getMessager().printMessage(Diagnostic.Kind.ERROR, message, at);
    }
}
