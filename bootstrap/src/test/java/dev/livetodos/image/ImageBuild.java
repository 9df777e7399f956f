package dev.livetodos.image;

import com.google.cloud.tools.jib.api.Containerizer;
import com.google.cloud.tools.jib.api.Jib;
import com.google.cloud.tools.jib.api.TarImage;
import com.google.cloud.tools.jib.api.buildplan.AbsoluteUnixPath;
import com.google.cloud.tools.jib.api.buildplan.FileEntriesLayer;
import com.google.cloud.tools.jib.api.buildplan.FilePermissions;
import com.google.cloud.tools.jib.api.buildplan.ImageFormat;
import com.google.cloud.tools.jib.api.buildplan.Port;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the container image as a tar ({@code docker load -i}), without a Docker daemon and without
 * a base image, so nothing is pulled from a registry (profile "image" in bootstrap/pom.xml). The
 * file system is laid out by {@code src/main/image/stage-root}; this trains the class-data archive
 * on it and packs it with Jib's library. Jib's Maven plugin would add the project's dependencies as
 * layers of its own beside ours (the server's libraries twice) and cannot give {@code /data} to the
 * server's user, which a named volume takes its owner from.
 *
 * <p>Layers, from the least to the most often changed: the runtime (Java and glibc), the libraries,
 * the application (livetodos.jar and its archive), the empty directories. Every file has the same
 * time (the archive checks the jars' times) and the image has no creation time, so the same inputs
 * give the same image.
 *
 * <p>Inside, the server runs as {@value #USER} with the launcher's JVM flags (read from
 * {@code src/main/launcher/livetodos}, so the two cannot drift apart), listens on 0.0.0.0:8080 (the
 * local issuer beside it on 8081), keeps its data in {@code /data}, and keeps a management server,
 * should one be configured, on loopback.
 */
public final class ImageBuild {

    static final String USER = "65532:65532";
    static final String JAVA = "/opt/java/bin/java";
    static final String ARCHIVE = "/app/livetodos.jsa";
    static final Instant FILE_TIME = Instant.ofEpochSecond(1);

    private ImageBuild() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(required("image.root"));
        Path launcher = Path.of(required("image.launcher"));
        Path tar = Path.of(required("image.tar"));
        String version = required("image.version");

        List<String> flags = launcherFlags(launcher);
        train(root, flags);
        // Jib's layer cache knows a file by its path, time and mode, which are the same in every
        // build here: a cache kept from the last build would hand back last build's files.
        Path cache = tar.resolveSibling("jib-cache");
        deleteRecursively(cache);

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("org.opencontainers.image.title", "livetodos");
        labels.put("org.opencontainers.image.description", required("image.description"));
        labels.put("org.opencontainers.image.version", version);
        labels.put("org.opencontainers.image.licenses", required("image.licenses"));
        String source = System.getProperty("image.source", "");
        if (!source.isBlank()) {
            labels.put("org.opencontainers.image.source", source);
        }
        String revision = System.getProperty("image.revision", "");
        if (!revision.isBlank()) {
            labels.put("org.opencontainers.image.revision", revision);
        }

        Jib.fromScratch()
                .setFormat(ImageFormat.Docker)
                .setCreationTime(Instant.EPOCH)
                .setFileEntriesLayers(List.of(
                        layer("runtime", root, List.of("opt", "lib", "lib64", "etc")),
                        layer("libraries", root, List.of("app/lib")),
                        layer("application", root, List.of("app/livetodos.jar", "app/livetodos.jsa")),
                        directories(root)))
                .setEntrypoint(entrypoint(flags))
                .setProgramArguments(List.of())
                .setEnvironment(environment())
                .setExposedPorts(Set.of(Port.tcp(8080), Port.tcp(8081)))
                .setVolumes(Set.of(AbsoluteUnixPath.get("/data")))
                .setUser(USER)
                .setWorkingDirectory(AbsoluteUnixPath.get("/data"))
                .setLabels(labels)
                .containerize(Containerizer.to(TarImage.at(tar).named("livetodos:" + version))
                        .setOfflineMode(true)
                        .setBaseImageLayersCache(cache.resolve("base"))
                        .setApplicationLayersCache(cache.resolve("application"))
                        .setToolName("livetodos-image-build"));
        System.out.println("Image: " + tar + " (" + Files.size(tar) + " bytes)");
    }

    /** The JVM flags of the launcher script's {@code exec} line, up to the class-data flags. */
    static List<String> launcherFlags(Path launcher) throws IOException {
        List<String> lines = Files.readAllLines(launcher);
        int exec = lines.indexOf("exec \"$java\" \\");
        if (exec < 0) {
            throw new IllegalStateException(launcher + " has no line 'exec \"$java\" \\'");
        }
        List<String> flags = new ArrayList<>();
        for (String line : lines.subList(exec + 1, lines.size())) {
            String text = line.strip().replaceAll("\\\\$", "").strip();
            if (text.startsWith("$")) {
                break;
            }
            flags.addAll(List.of(text.split("\\s+")));
        }
        if (flags.isEmpty() || !flags.stream().allMatch(flag -> flag.startsWith("-"))) {
            throw new IllegalStateException("could not read the JVM flags of " + launcher + ": " + flags);
        }
        return flags;
    }

    /** The launcher's flags, its class-data archive and the jar, as the launcher runs them. */
    static List<String> entrypoint(List<String> flags) {
        List<String> entrypoint = new ArrayList<>();
        entrypoint.add(JAVA);
        entrypoint.addAll(flags);
        entrypoint.addAll(List.of("-XX:SharedArchiveFile=" + ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-jar", "/app/livetodos.jar"));
        return entrypoint;
    }

    /**
     * What the launcher script sets besides the flags, and what a container needs other than the
     * defaults: the API on every interface (the default is loopback, which no one outside reaches),
     * data in the volume, a management server (if configured) kept on loopback.
     */
    static Map<String, String> environment() {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PATH", "/opt/java/bin");
        environment.put("JAVA_HOME", "/opt/java");
        environment.put("MALLOC_ARENA_MAX", "2");
        environment.put("SERVER_ADDRESS", "0.0.0.0");
        environment.put("LIVETODOS_DATA_DIR", "/data");
        environment.put("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
        return environment;
    }

    /**
     * The archive fits only the JVM that wrote it and the jar paths it saw, which the JVM (17) does
     * not accept moved: so the training run uses the image's own runtime with ROOT as its root
     * ({@code chroot} in a user namespace of its own, which needs no root privileges where the kernel
     * allows such namespaces, as Debian's and Ubuntu's do), as the server's user sees it.
     */
    static void train(Path root, List<String> flags) throws IOException, InterruptedException {
        Path proc = Files.createDirectories(root.resolve("proc"));
        List<String> command = new ArrayList<>(List.of("unshare", "--user", "--map-root-user", "--mount", "--pid", "--fork",
                "--mount-proc=" + proc.toAbsolutePath(), "chroot", root.toAbsolutePath().toString(), JAVA));
        command.addAll(flags);
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + ARCHIVE, "-Xlog:cds=off", "-Xlog:cds+dynamic=off",
                "-Dlogging.level.root=warn", "-jar", "/app/livetodos.jar",
                "--livetodos.training-run=true", "--livetodos.in-memory=true", "--server.port=0"));
        Process training = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.INHERIT)
                .start();
        training.getOutputStream().close();
        if (!training.waitFor(Duration.ofMinutes(5).toSeconds(), TimeUnit.SECONDS)) {
            training.destroyForcibly();
            throw new IllegalStateException("the training run did not end within 5 minutes");
        }
        if (training.exitValue() != 0 || !Files.isRegularFile(root.resolve(ARCHIVE.substring(1)))) {
            throw new IllegalStateException("the training run failed (exit " + training.exitValue() + "): " + String.join(" ", command));
        }
        Files.delete(proc);
    }

    /** Files and directories under ROOT's {@code paths}, at the same place in the image, owned by root. */
    private static FileEntriesLayer layer(String name, Path root, List<String> paths) throws IOException {
        FileEntriesLayer.Builder layer = FileEntriesLayer.builder().setName(name);
        for (String path : paths) {
            try (Stream<Path> files = Files.walk(root.resolve(path))) {
                for (Path file : files.sorted().toList()) {
                    String inImage = "/" + root.relativize(file).toString().replace('\\', '/');
                    FilePermissions permissions = FilePermissions.fromPosixFilePermissions(Files.getPosixFilePermissions(file));
                    layer.addEntry(file, AbsoluteUnixPath.get(inImage), permissions, FILE_TIME, "0:0");
                }
            }
        }
        return layer.build();
    }

    /**
     * {@code /data} belongs to the server's user, so a named volume, which takes the image
     * directory's owner, is the server's to write; {@code /tmp} is everyone's, as usual.
     */
    private static FileEntriesLayer directories(Path root) {
        return FileEntriesLayer.builder().setName("directories")
                .addEntry(root.resolve("data"), AbsoluteUnixPath.get("/data"), FilePermissions.fromOctalString("700"), FILE_TIME, USER)
                .addEntry(root.resolve("tmp"), AbsoluteUnixPath.get("/tmp"), FilePermissions.fromOctalString("777"), FILE_TIME, "0:0")
                .build();
    }

    private static void deleteRecursively(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(file);
            }
        }
    }

    private static String required(String name) {
        String value = System.getProperty(name, "");
        if (value.isBlank()) {
            throw new IllegalArgumentException("set -D" + name);
        }
        return value;
    }
}
