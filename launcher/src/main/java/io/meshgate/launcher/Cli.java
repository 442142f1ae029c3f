package io.meshgate.launcher;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code bin/meshgate}: the top command, which wires one picocli subcommand per command ({@link UpCommand},
 * {@link StatusCommand}, {@link CallCommand}, {@link DownCommand}, {@link BenchCommand}, {@link DrainCommand},
 * {@link RestartCommand}, {@link ChaosCommand}, {@link PkiCommand}). {@code --help} works on each; an unknown flag or
 * a refused value ends with one line on stderr that names it, and exit status {@value #USAGE_ERROR}. The cluster's
 * files live in {@code <home>/.meshgate} ({@code MESHGATE_RUN_DIR} overrides it).
 */
@Command(name = "bin/meshgate", description = "Runs a local meshgate cluster (broker, nodes, nginx) and measures it.",
        footer = {"", "The cluster's files live in .meshgate (MESHGATE_RUN_DIR overrides it).",
                "Exit status: 0 done, 1 a call or a check failed, 2 a usage error or a refused setting, 3 no cluster "
                        + "is running."})
public final class Cli implements Callable<Integer> {

    /** The exit status of a usage error: an unknown flag, a bad value, a missing argument. */
    static final int USAGE_ERROR = 2;

    /** The exit status of a command that needs a running cluster when none is. */
    static final int NO_CLUSTER = 3;

    @Option(names = {"-h", "--help"}, usageHelp = true, scope = ScopeType.INHERIT,
            description = "Show this help and exit.")
    private boolean help;

    @Spec
    private CommandSpec spec;

    private final CliContext context;

    Cli(Path home, Path runDir, PrintStream out, PrintStream err) {
        this.context = new CliContext(home, runDir, out, err);
    }

    public static void main(String[] args) {
        Path home = Build.projectHome();
        String run = System.getenv("MESHGATE_RUN_DIR");
        Path runDir = run == null || run.isBlank() ? home.resolve(".meshgate") : Path.of(run).toAbsolutePath();
        PrintStream stdout = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream stderr = new PrintStream(new FileOutputStream(FileDescriptor.err), true, StandardCharsets.UTF_8);
        System.exit(new Cli(home, runDir, stdout, stderr).commandLine().execute(args));
    }

    /** Runs one command line and returns its exit status. */
    int run(List<String> args) {
        return commandLine().execute(args.toArray(String[]::new));
    }

    /**
     * The command tree, writing help to this CLI's stdout and errors to its stderr; an argument that starts with
     * {@code @} is taken as it is, not as a file of arguments. A usage error prints one line, the problem and where
     * the usage is, and returns {@value #USAGE_ERROR}; an unexpected exception prints its stack trace and returns 1.
     */
    CommandLine commandLine() {
        CommandLine cl = new CommandLine(this).addSubcommand(new UpCommand(context))
                .addSubcommand(new StatusCommand(context)).addSubcommand(new CallCommand(context))
                .addSubcommand(new DownCommand(context)).addSubcommand(new BenchCommand(context))
                .addSubcommand(new DrainCommand(context)).addSubcommand(new RestartCommand(context))
                .addSubcommand(new ChaosCommand(context)).addSubcommand(new PkiCommand(context));
        cl.setOut(new PrintWriter(context.out(), true)).setErr(new PrintWriter(context.err(), true));
        cl.setExpandAtFiles(false);
        cl.setParameterExceptionHandler((e, args) -> {
            CommandLine failed = e.getCommandLine();
            failed.getErr().println(e.getMessage() + " (" + failed.getCommandSpec().qualifiedName()
                    + " --help shows the usage)");
            return USAGE_ERROR;
        });
        return cl;
    }

    /** Without a command: the usage on stderr, and a usage error. */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return USAGE_ERROR;
    }

    /**
     * Refuses a value that parsed but breaks a rule, naming the flag and the value: picocli reports it as a usage
     * error.
     */
    static void require(CommandSpec spec, boolean holds, String flag, Object value, String rule) {
        if (!holds) {
            throw new ParameterException(spec.commandLine(),
                    "Invalid value for option '" + flag + "': '" + value + "': " + rule);
        }
    }
}
