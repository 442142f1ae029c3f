/**
 * {@code bin/meshgate} and the local cluster it manages: the embedded broker process
 * ({@code BrokerMain}, its configuration read from {@code server-config/artemis}; the broker image
 * runs it too, with a password file and its addresses as system properties), node processes on Payara Micro or
 * WildFly ({@link io.meshgate.launcher.ServerKind}), nginx, and the state file that lets later
 * commands find them. The cluster tests use {@link io.meshgate.launcher.LocalCluster} too: a facade
 * whose parts each do one job: {@code ProcessSupervisor} starts processes with their logs and stops
 * them, {@code NodeLauncher} starts a node and starts it again after a failed boot, a
 * {@code NodeServer} per server (the launcher's one server seam) writes a node's files and command
 * line: {@code PayaraNode} from {@code server-config/payara}, {@code WildFlyNode} from
 * {@code server-config/wildfly} (WildFly configured once per cluster by {@code jboss-cli}, under the
 * node launcher's threads, which may wait for it), {@code NodeSettings} holds what every node gets
 * whatever its server, {@code ClusterKeys} holds the PKI, the
 * nodes' key stores and the resume key, {@code Build} finds what the build made, {@code Nginx}
 * configures and starts nginx, and {@code Readiness} is the one health and readiness poll (a node's
 * {@code /health/ready}, a line in a log, every 250 ms until it holds), which {@code
 * ClusterProcesses} and {@code status} use as well. Also the benchmarks of {@code bin/meshgate
 * bench}: the open-loop {@code LoadGenerator} over a {@code LoadTarget} (the gateway, or the raw
 * broker floor with its {@code FloorWorker} process), {@code BenchRun} (rates, the maximum search,
 * the plot) and {@code CapacityRun} (idle secure sessions over {@code RawSession}s). And the fault
 * checker of {@code bin/meshgate chaos}: {@code ChaosRun} drives a run (an uncounted warm-up first), in which {@code ChaosTraffic}
 * sends a {@code ChaosSchedule} over {@code MeshgateClient} sessions (which resume by themselves) and {@code FaultInjection} injects
 * the {@code Fault} a {@code Scenario} names (one class each, each refusing a cluster it cannot
 * measure, such as one without nginx for a fault that moves sessions; processes are started again through
 * {@code ClusterProcesses}, from the command lines the state file records); the pure
 * {@code ChaosLedger} and the nodes' {@code ExecutionLogs} account for every request (the ledger
 * also keeps each service's latency by phase of the run, {@code PhaseLatency}), and a
 * {@code ChaosResult} reports it. Not packaged in the WAR.
 *
 * <p>The command line is picocli's: {@code Cli} is the top command and wires one subcommand class per command
 * ({@code UpCommand}, {@code StatusCommand}, {@code CallCommand}, {@code DownCommand}, {@code BenchCommand},
 * {@code DrainCommand}, {@code RestartCommand}, {@code ChaosCommand}, {@code PkiCommand}), each given a
 * {@code CliContext} (home, run dir, stdout, stderr). Each has {@code --help}; a usage error (an unknown flag, a bad
 * value, a missing argument) is one line on stderr naming it, and exit status 2.
 *
 * <p>Threading: commands are single-threaded except node start-up, which starts the nodes on a
 * thread each and waits for them in parallel (the supervisor, the keys and the node configuration
 * are thread-safe); a load phase paces requests from one thread and records answers on the target's
 * threads; a capacity run opens sessions from a small fixed pool; a fault run paces from the
 * caller's thread, injects the fault on a thread of its own and reopens sessions on a small timer
 * pool.
 */
package io.meshgate.launcher;
