package io.meshgate.launcher;

import io.meshgate.crypto.pki.LocalPki;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code bin/meshgate pki [client NAME]}: the local PKI in the run dir, and further client certificates. */
@Command(name = "pki", description = {"Create the local PKI (root CA, nginx, nodes, client) where it is missing and "
        + "name its files."})
final class PkiCommand implements Callable<Integer> {

    private final CliContext context;

    PkiCommand(CliContext context) {
        this.context = context;
    }

    @Option(names = "--nodes", paramLabel = "IDS", split = ",",
            description = "also issue these nodes' certificates, like node-1,node-2,node-3, and write the resume key "
                    + "they share (resume.key) and the brokers' password (broker.password) into the PKI folder: "
                    + "the volume of docker/compose.yaml")
    private List<String> nodes = List.of();

    @Override
    public Integer call() throws IOException {
        LocalPki pki = LocalPki.create(LocalPki.defaultDirectory(context.runDir()), nodes);
        for (String node : nodes) {
            context.out().println("node " + node + "   " + pki.nodeCert(node) + ", " + pki.nodeKey(node));
        }
        if (!nodes.isEmpty()) {
            context.out().println("resume key    " + ClusterKeys.writeResumeKey(pki.directory().resolve("resume.key")));
            context.out().println("broker        "
                    + ClusterKeys.writeBrokerPassword(pki.directory().resolve("broker.password")));
        }
        context.out().println("root CA       " + pki.caCert());
        context.out().println("client        " + pki.clientCert() + ", " + pki.clientKey() + ", " + pki.clientP12()
                + " (PKCS#12 password: " + LocalPki.CLIENT_P12_PASSWORD + ")");
        context.out().println("nginx         " + pki.nginxCert());
        context.out().println("deny list     " + pki.denyList());
        return 0;
    }

    @Command(name = "client", description = "Issue another client certificate (PEM and PKCS#12).")
    int client(@Parameters(paramLabel = "NAME", description = "the client's name, e.g. alice") String name)
            throws IOException {
        LocalPki.ClientFiles f = pki().issueClient(name);
        context.out().println("issued " + f.cert() + ", " + f.key() + ", " + f.p12() + " (PKCS#12 password: "
                + LocalPki.CLIENT_P12_PASSWORD + ")");
        return 0;
    }

    private LocalPki pki() throws IOException {
        return LocalPki.create(LocalPki.defaultDirectory(context.runDir()), List.of());
    }
}
