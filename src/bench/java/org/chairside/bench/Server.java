package org.chairside.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged server as its own process, as the README runs it: {@code java -Xmx512m
 * -XX:SharedArchiveFile=target/chairside.jsa -XX:+UnlockDiagnosticVMOptions
 * -XX:CompilerDirectivesFile=target/chairside-jit.json [bench.jvm options] -jar target/chairside.jar}
 * (without the archive option when the build wrote none, and for the reference start), with its own H2 file database
 * under target/bench/, on a loopback port.
 */
final class Server {
    static final String ADMIN_PASSWORD = "bench-admin-pw-0123";

    final Path jar;
    final Path workDir;
    final Path dbDir;
    final int port;
    /** The HL7 MLLP listener's port (scenario 7): the HTTP port + 1. */
    final int mllpPort;
    final boolean jfr;
    /** JVM options besides -Xmx512m, as the deployment runs it (-Dbench.jvm=...). */
    final List<String> jvmOptions;
    /** The build's class archive (target/chairside.jsa), or null to start without one. */
    final Path classArchive;
    /** The build's compiler directives (target/chairside-jit.json), or null to start without them. */
    final Path compilerDirectives;
    private Process process;
    private int starts;

    Server(Path jar, Path workDir, int port, boolean jfr, List<String> jvmOptions, Path classArchive, Path compilerDirectives) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.classArchive = classArchive;
        this.compilerDirectives = compilerDirectives;
        this.jar = jar;
        this.workDir = workDir;
        this.dbDir = workDir.resolve("db");
        this.port = port;
        this.mllpPort = port + 1;
        this.jfr = jfr;
    }

    String jdbcUrl() {
        return "jdbc:h2:file:" + dbFile() + ";DB_CLOSE_ON_EXIT=FALSE";
    }

    /** The server runs with the application's own database options; the bench only chooses where the file is. */
    private String dbFile() {
        return dbDir.toAbsolutePath().resolve("chairside").toString();
    }

    String base() {
        return "http://127.0.0.1:" + port;
    }

    /** Starts the server and waits for its first served request; returns milliseconds from process start to that answer. */
    long start() throws IOException, InterruptedException {
        starts++;
        // Something else answering on the port would be measured instead of this server.
        for (int p : new int[] {port, mllpPort}) {
            try (java.net.ServerSocket free = new java.net.ServerSocket(p, 1, java.net.InetAddress.getLoopbackAddress())) {
                free.setReuseAddress(true);
            } catch (IOException inUse) {
                throw new IllegalStateException("Port " + p + " is in use; choose another HTTP port with -Dbench.port=... (MLLP takes the next)", inUse);
            }
        }
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-Xmx512m");
        if (classArchive != null) {
            cmd.add("-XX:SharedArchiveFile=" + classArchive.toAbsolutePath());
        }
        if (compilerDirectives != null) {
            cmd.add("-XX:+UnlockDiagnosticVMOptions");
            cmd.add("-XX:CompilerDirectivesFile=" + compilerDirectives.toAbsolutePath());
        }
        cmd.addAll(jvmOptions);
        if (jfr) {
            cmd.add("-XX:StartFlightRecording=filename=" + workDir.resolve("server-" + starts + ".jfr").toAbsolutePath()
                    + ",settings=profile,dumponexit=true");
        }
        cmd.add("-Dquarkus.http.port=" + port);
        cmd.add("-Dquarkus.http.host=127.0.0.1");
        cmd.add("-Dchairside.hl7.mllp.port=" + mllpPort);
        cmd.add("-Dchairside.hl7.mllp.host=127.0.0.1");
        cmd.add("-Dchairside.h2.file=" + dbFile());
        cmd.add("-jar");
        cmd.add(jar.toAbsolutePath().toString());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(workDir.resolve("server.log").toFile()));
        pb.environment().put("CHAIRSIDE_BOOTSTRAP_ADMIN_PASSWORD", ADMIN_PASSWORD);
        long t0 = System.nanoTime();
        process = pb.start();
        long deadline = t0 + TimeUnit.SECONDS.toNanos(180);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The server exited with " + process.exitValue() + "; see " + workDir.resolve("server.log"));
            }
            if (answersHealth()) {
                return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("The server did not answer within 180 s");
    }

    /**
     * One GET /q/health/live over a plain socket. The probe runs beside a server that is starting on the same two
     * cores: a refused connect costs next to nothing, where an HTTP client's own first requests (its classes, its
     * selector thread, its JIT) took CPU from the start being measured.
     */
    private boolean answersHealth() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 1000);
            socket.setSoTimeout(2000);
            socket.getOutputStream().write(("GET /q/health/live HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] status = socket.getInputStream().readNBytes(12);
            return new String(status, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
        } catch (IOException notYet) {
            return false;
        }
    }

    long pid() {
        return process.pid();
    }

    /**
     * Stops the process where it is (SIGSTOP) or lets it go on (SIGCONT): a comparison runs two servers on the two
     * cores, and the one not measured must not take its share of them with its timers and H2 housekeeping.
     */
    void suspend(boolean stopped) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", stopped ? "-STOP" : "-CONT", Long.toString(pid())).inheritIO().start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill " + (stopped ? "-STOP " : "-CONT ") + pid() + " failed");
        }
    }

    /** The size of the H2 database file, in MiB (-1 before it exists). */
    double dbFileMiB() {
        try {
            return Files.size(Path.of(dbFile() + ".mv.db")) / (1024.0 * 1024.0);
        } catch (IOException e) {
            return -1;
        }
    }

    /**
     * Writes what the server's memory is made of to {@code file}: its {@code smaps_rollup}, {@code jcmd GC.heap_info}, and
     * the JVM's own account by area when the server runs with {@code -XX:NativeMemoryTracking=summary} (through -Dbench.jvm). RSS alone
     * does not say whether a fix belongs to the heap, the classes or the native side.
     */
    void writeMemoryBreakdown(Path file) {
        List<String> commands = new ArrayList<>(List.of("GC.heap_info"));
        if (jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:NativeMemoryTracking="))) {
            commands.add("VM.native_memory summary");
        }
        StringBuilder out = new StringBuilder("RSS " + rssMiB() + " MiB\n");
        try {
            // Anonymous against file-backed resident pages: the class archive and the jars count as file pages.
            out.append(Files.readString(Path.of("/proc", Long.toString(pid()), "smaps_rollup")));
        } catch (IOException e) {
            out.append("smaps_rollup: ").append(e).append('\n');
        }
        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(Long.toString(pid())));
            args.addAll(List.of(command.split(" ")));
            try {
                out.append("---- jcmd ").append(command).append('\n').append(jdkTool("jcmd", args));
            } catch (IOException e) {
                out.append("---- jcmd ").append(command).append(" failed: ").append(e).append('\n');
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        try {
            Files.writeString(file, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The server's collections so far, from {@code jstat -gc} (the JVM's performance counters: no attach, nothing
     * stopped): young and full collections and the milliseconds they took. Empty if jstat cannot read them.
     */
    Map<String, Double> collections() {
        try {
            List<String> lines = jdkTool("jstat", List.of("-gc", Long.toString(pid()))).lines().filter(l -> !l.isBlank()).toList();
            if (lines.size() < 2) {
                return Map.of();
            }
            List<String> names = List.of(lines.get(0).trim().split("\\s+"));
            List<String> values = List.of(lines.get(1).trim().split("\\s+"));
            Map<String, Double> out = new LinkedHashMap<>();
            out.put("young", Double.parseDouble(values.get(names.indexOf("YGC"))));
            out.put("youngMs", 1000 * Double.parseDouble(values.get(names.indexOf("YGCT"))));
            out.put("full", Double.parseDouble(values.get(names.indexOf("FGC"))));
            out.put("fullMs", 1000 * Double.parseDouble(values.get(names.indexOf("FGCT"))));
            return out;
        } catch (IOException | RuntimeException e) {
            return Map.of();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Map.of();
        }
    }

    /** What one of the JDK's tools (jcmd, jstat) prints, run from the driver's own JDK against the server. */
    private static String jdkTool(String name, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", name).toString()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        p.waitFor(30, TimeUnit.SECONDS);
        return out;
    }

    /** Resident memory of the server process in MiB (VmRSS of /proc/pid/status). */
    double rssMiB() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }

    /**
     * CPU time the server process has used so far, in milliseconds (utime + stime of /proc/pid/stat). On a shared
     * machine this is the steadier figure: CPU per request does not depend on how much of the machine others take.
     */
    double cpuMillis() {
        try {
            return cpuMillisOf(Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat")));
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /**
     * CPU time used so far by the server's threads whose name starts with {@code prefix}, in milliseconds. Linux keeps
     * the first 15 characters of a thread's name, so the prefix must not be longer ("charting-writer" is exactly 15).
     * Separates the serial part of a request's work from the part any core can do.
     */
    double threadCpuMillis(String prefix) {
        double ms = 0;
        try (var tasks = Files.list(Path.of("/proc", Long.toString(process.pid()), "task"))) {
            for (Path task : tasks.toList()) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"));
                } catch (IOException gone) {
                    continue;
                }
                if (stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')')).startsWith(prefix)) {
                    ms += cpuMillisOf(stat);
                }
            }
            return ms;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime + stime of a /proc stat line: fields 14 and 15, which are 11 and 12 after the command name; ticks of 10 ms. */
    private static double cpuMillisOf(String stat) {
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10.0;
    }

    /** SIGTERM, wait for a clean shutdown (H2 closes its file), SIGKILL only if it hangs. */
    void stop() throws InterruptedException {
        if (process == null || !process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }
}
