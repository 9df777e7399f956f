package dev.livetodos.issuer;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.text.ParseException;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The key the issuer signs tokens with: made once and kept in the data directory
 * ({@value #FILE_NAME}, readable by its owner only), so tokens issued before a restart still
 * verify after it, under the same key id. Without a data directory (in-memory mode) the key lives
 * as long as the process, like everything else then.
 */
final class SigningKey {

    static final String FILE_NAME = "issuer-signing-key.json";

    private static final Logger log = LoggerFactory.getLogger(SigningKey.class);
    private static final Set<PosixFilePermission> OWNER_DIRECTORY = PosixFilePermissions.fromString("rwx------");
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");

    private SigningKey() {
    }

    /** The key kept in {@code dataDir}, made and kept there first if there is none. */
    static RSAKey load(Optional<Path> dataDir) {
        if (dataDir.isEmpty()) {
            return generate();
        }
        Path file = dataDir.get().toAbsolutePath().resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return read(file);
            }
            RSAKey key = generate();
            write(file, key);
            log.info("Made the local issuer's signing key {} ({})", key.getKeyID(), file);
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("could not keep the local issuer's signing key in " + file, e);
        }
    }

    private static RSAKey read(Path file) throws IOException {
        try {
            RSAKey key = RSAKey.parse(Files.readString(file, StandardCharsets.UTF_8));
            if (!key.isPrivate()) {
                throw new IOException(file + " holds no private key");
            }
            return key;
        } catch (ParseException e) {
            throw new IOException(file + " is not a signing key (a JSON Web Key): " + e.getMessage(), e);
        }
    }

    private static RSAKey generate() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).keyUse(KeyUse.SIGNATURE)
                    .algorithm(JWSAlgorithm.RS256).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException("this JVM cannot make an RSA key", e);
        }
    }

    /** Written whole to a private temporary file, then moved into place, so a crash leaves no half key. */
    private static void write(Path file, RSAKey key) throws IOException {
        Path directory = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (posix) {
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(OWNER_DIRECTORY));
        } else {
            Files.createDirectories(directory);
        }
        Path temporary = directory.resolve(FILE_NAME + ".tmp");
        Files.deleteIfExists(temporary);
        FileAttribute<?>[] attributes = posix
                ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_FILE)} : new FileAttribute<?>[0];
        Files.createFile(temporary, attributes);
        Files.writeString(temporary, key.toJSONString(), StandardCharsets.UTF_8);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, file);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
        }
    }
}
