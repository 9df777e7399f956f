package dev.livetodos.image;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The container image as {@code docker load} reads it: target/livetodos-image.tar, built in the
 * package phase of profile "image" (see {@link ImageBuild}). Its configuration and files are read
 * from the tar; the last test runs it from its own file system, as a container engine would.
 */
class ImageIT {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Path TAR = Path.of(System.getProperty("livetodos.image-tar", "target/livetodos-image.tar"));
    private static final Path LAUNCHER = Path.of(System.getProperty("livetodos.launcher-script", "src/main/launcher/livetodos"));

    private static JsonNode config;
    private static List<String> layers;

    @BeforeAll
    static void readTheImage() throws IOException {
        assertThat(TAR).as("the image tar (mvn package -Pimage)").isRegularFile();
        Map<String, byte[]> files = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(TAR))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                if (entry.getName().endsWith(".json")) {
                    files.put(entry.getName(), tar.readAllBytes());
                }
            }
        }
        JsonNode manifest = JSON.readTree(files.get("manifest.json")).get(0);
        config = JSON.readTree(files.get(manifest.get("Config").asString())).get("config");
        layers = new ArrayList<>();
        manifest.get("Layers").forEach(layer -> layers.add(layer.asString()));
    }

    @Test
    void runsTheLaunchersJvmFlagsWithTheImagesOwnClassDataArchive() throws IOException {
        List<String> entrypoint = strings(config.get("Entrypoint"));

        assertThat(entrypoint.get(0)).isEqualTo("/opt/java/bin/java");
        assertThat(entrypoint).containsAll(launcherFlags());
        assertThat(entrypoint).contains("-XX:SharedArchiveFile=/app/livetodos.jsa");
        assertThat(entrypoint.subList(entrypoint.size() - 2, entrypoint.size())).containsExactly("-jar", "/app/livetodos.jar");
        assertThat(env()).containsEntry("MALLOC_ARENA_MAX", "2");
    }

    @Test
    void runsAsAUserWhoIsNotRoot() throws IOException {
        assertThat(config.get("User").asString()).isEqualTo("65532:65532");

        assertThat(new String(file("etc/passwd").content(), StandardCharsets.UTF_8)).contains("livetodos:x:65532:65532:");
    }

    @Test
    void listensOnEveryInterfaceOnPort8080WithTheLocalIssuerBesideIt() {
        assertThat(names(config.get("ExposedPorts"))).containsExactlyInAnyOrder("8080/tcp", "8081/tcp");

        assertThat(env()).containsEntry("SERVER_ADDRESS", "0.0.0.0").doesNotContainKey("PORT");
    }

    @Test
    void keepsAManagementServerOnLoopback() {
        assertThat(env()).containsEntry("MANAGEMENT_SERVER_ADDRESS", "127.0.0.1");
    }

    @Test
    void keepsItsDataInAVolumeTheServersUserOwns() throws IOException {
        assertThat(names(config.get("Volumes"))).containsExactly("/data");
        assertThat(env()).containsEntry("LIVETODOS_DATA_DIR", "/data");

        ImageFile data = file("data/");
        assertThat(data.uid()).isEqualTo(65532);
        assertThat(data.gid()).isEqualTo(65532);
        assertThat(data.mode() & 0777).isEqualTo(0700);
    }

    @Test
    void carriesTheOpenContainersLabels() {
        JsonNode labels = config.get("Labels");

        assertThat(labels.get("org.opencontainers.image.title").asString()).isEqualTo("livetodos");
        assertThat(labels.get("org.opencontainers.image.version").asString()).isNotBlank();
        assertThat(labels.get("org.opencontainers.image.description").asString()).isNotBlank();
        assertThat(labels.get("org.opencontainers.image.licenses").asString()).isNotBlank();
    }

    @Test
    void bringsItsOwnJavaRuntimeAndCLibrary() throws IOException {
        assertThat(file("opt/java/bin/java").mode() & 0111).isNotZero();
        assertThat(file("lib/x86_64-linux-gnu/libc.so.6").content()).isNotEmpty();
        assertThat(file("lib64/ld-linux-x86-64.so.2").content()).isNotEmpty();
        assertThat(file("app/livetodos.jsa").content().length).isGreaterThan(1_000_000);
    }

    /**
     * The image's layers unpacked into a folder, and its entrypoint run there in a chroot as the
     * image's user (in namespaces of its own, so it sees no other process and its mounts go with
     * it). It must start with its class-data archive accepted (-Xshare:on refuses to start
     * otherwise) and serve the page. Needs unshare(1) (util-linux, on every Debian) and the rights
     * for chroot: root, or a kernel that lets anyone make a user namespace; without them it fails.
     */
    @Test
    void startsFromItsOwnFilesAndServesThePage(@TempDir Path folder) throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        assertThat(Path.of("/usr/bin/unshare")).as("unshare(1), from util-linux").isExecutable();
        Path rootfs = unpack(Files.createDirectory(folder.resolve("rootfs")), root);
        int port = freePortPair();
        List<String> command = new ArrayList<>(List.of("/usr/bin/unshare", "--mount", "--pid", "--fork", "--kill-child",
                "--mount-proc=" + Files.createDirectories(rootfs.resolve("proc"))));
        if (!root) {
            command.addAll(1, List.of("--user", "--map-root-user"));
        }
        command.add("/usr/sbin/chroot");
        if (root) {
            command.add("--userspec=" + config.get("User").asString());
        }
        command.add(rootfs.toString());
        List<String> entrypoint = new ArrayList<>(strings(config.get("Entrypoint")));
        entrypoint.add(1, "-Xshare:on");
        command.addAll(entrypoint);
        command.addAll(List.of("--livetodos.in-memory=true", "--server.port=" + port));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(folder.resolve("server.log").toFile());
        builder.environment().clear();
        builder.environment().putAll(env());
        Process server = builder.start();
        List<ProcessHandle> started = List.of();
        try {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
            HttpResponse<String> page = null;
            Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
            while (page == null && server.isAlive() && Instant.now().isBefore(deadline)) {
                try {
                    page = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).timeout(Duration.ofSeconds(5)).build(),
                            HttpResponse.BodyHandlers.ofString());
                } catch (IOException notYet) {
                    Thread.onSpinWait();
                    server.waitFor(200, java.util.concurrent.TimeUnit.MILLISECONDS);
                }
            }

            assertThat(page).as("the page, within 3 minutes; the server said: %s", Files.readString(folder.resolve("server.log"))).isNotNull();
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).containsIgnoringCase("<html");
        } finally {
            started = stop(server);
        }
        // Nothing of it outlives the test (the server kept running after every CI run as root once).
        assertThat(started).as("the processes the entrypoint started, once stopped").noneMatch(ProcessHandle::isAlive);
    }

    /**
     * Stops what runs under unshare, then unshare, each within 30 s or killed; gives every process
     * that was there. The server is asked itself: as root, {@code chroot --userspec} changes the
     * user, which clears the death signal {@code --kill-child} had set, so stopping unshare alone
     * left the server running.
     */
    private static List<ProcessHandle> stop(Process server) throws Exception {
        List<ProcessHandle> started = server.descendants().toList();
        for (ProcessHandle process : started) {
            process.destroy();
        }
        for (ProcessHandle process : started) {
            try {
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillThere) {
                process.destroyForcibly();
                process.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        }
        server.destroy();
        if (!server.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        return started;
    }

    /** The flags on the launcher script's exec line (one or more per line, each starting with -). */
    private static List<String> launcherFlags() throws IOException {
        String script = Files.readString(LAUNCHER);
        String exec = script.substring(script.indexOf("exec \"$java\""));
        List<String> flags = new ArrayList<>();
        Matcher flag = Pattern.compile("(?m)^\\s+(-X[^\\\\\\n]+?)\\s*\\\\?$").matcher(exec);
        while (flag.find()) {
            flags.addAll(List.of(flag.group(1).trim().split("\\s+")));
        }
        assertThat(flags).as("the launcher's JVM flags").isNotEmpty();
        return flags;
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        config.get("Env").forEach(pair -> {
            String[] split = pair.asString().split("=", 2);
            env.put(split[0], split[1]);
        });
        return env;
    }

    private static List<String> strings(JsonNode array) {
        List<String> strings = new ArrayList<>();
        array.forEach(item -> strings.add(item.asString()));
        return strings;
    }

    private static Set<String> names(JsonNode object) {
        return new HashSet<>(object.propertyNames());
    }

    private record ImageFile(int mode, long uid, long gid, byte[] content) {
    }

    /** A file of the image, from the last layer that has it. */
    private static ImageFile file(String path) throws IOException {
        ImageFile found = null;
        for (String layer : layers) {
            try (TarArchiveInputStream files = layer(layer)) {
                for (TarArchiveEntry entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
                    if (entry.getName().equals(path)) {
                        found = new ImageFile(entry.getMode(), entry.getLongUserId(), entry.getLongGroupId(), files.readAllBytes());
                    }
                }
            }
        }
        assertThat(found).as("%s in the image", path).isNotNull();
        return found;
    }

    /** One layer's files, read from inside the image tar. */
    private static TarArchiveInputStream layer(String name) throws IOException {
        TarArchiveInputStream image = new TarArchiveInputStream(Files.newInputStream(TAR));
        for (TarArchiveEntry entry = image.getNextEntry(); entry != null; entry = image.getNextEntry()) {
            if (entry.getName().equals(name)) {
                InputStream layer = new GZIPInputStream(image);
                return new TarArchiveInputStream(layer);
            }
        }
        image.close();
        throw new IllegalStateException(name + " is not in " + TAR);
    }

    /** Every layer unpacked in order, with modes, and owners where this process may set them. */
    private static Path unpack(Path rootfs, boolean root) throws IOException {
        for (String layer : layers) {
            try (TarArchiveInputStream files = layer(layer)) {
                for (TarArchiveEntry entry = files.getNextEntry(); entry != null; entry = files.getNextEntry()) {
                    Path target = rootfs.resolve(entry.getName()).normalize();
                    assertThat(target.startsWith(rootfs)).as("%s stays inside the folder", entry.getName()).isTrue();
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else if (entry.isSymbolicLink()) {
                        Files.createDirectories(target.getParent());
                        Files.createSymbolicLink(target, Path.of(entry.getLinkName()));
                        continue;
                    } else {
                        Files.createDirectories(target.getParent());
                        Files.copy(files, target, StandardCopyOption.REPLACE_EXISTING);
                    }
                    Files.setPosixFilePermissions(target, permissions(entry.getMode()));
                    // As a container engine does: the class-data archive checks the jars' times.
                    Files.setLastModifiedTime(target, java.nio.file.attribute.FileTime.from(entry.getModTime().toInstant()));
                    if (root) {
                        Files.setAttribute(target, "unix:uid", (int) entry.getLongUserId());
                        Files.setAttribute(target, "unix:gid", (int) entry.getLongGroupId());
                    }
                }
            }
        }
        return rootfs;
    }

    private static Set<PosixFilePermission> permissions(int mode) {
        Set<PosixFilePermission> permissions = new HashSet<>();
        PosixFilePermission[] bits = PosixFilePermission.values();
        for (int i = 0; i < 9; i++) {
            if ((mode & (1 << (8 - i))) != 0) {
                permissions.add(bits[i]);
            }
        }
        return permissions;
    }

    /** A free port whose next one is free too, for the local issuer. */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                port = socket.getLocalPort();
            }
            if (port < 65535) {
                try (ServerSocket next = new ServerSocket(port + 1)) {
                    return port;
                } catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IllegalStateException("no two free ports side by side");
    }
}
