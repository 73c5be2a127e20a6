package io.nifimdm.core.dataset;

import io.nifimdm.core.MdmException;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Exclusive ownership of a storage directory for the lifetime of one store, so no database file in it is ever
 * opened by two engine copies (another store, another NAR version's class loader, another process): two copies of
 * DuckDB or SQLite on one file lose rows or corrupt it without any error.
 *
 * <p>Two lock files, because POSIX record locks belong to the process: closing <em>any</em> channel on a locked
 * file drops the lock the JVM holds on it. A store first locks {@code .mdm-store.jvm.lock}; a competitor in the same
 * JVM gets an {@link OverlappingFileLockException} there (the JDK's lock table is JVM-wide, across class loaders)
 * and closing its channel can only disturb that file. Only the winner then touches {@code .mdm-store.lock}, the
 * lock other processes contend for.
 */
final class StorageDirectoryLock implements AutoCloseable {

    static final String LOCK_FILE = ".mdm-store.lock";
    static final String JVM_LOCK_FILE = ".mdm-store.jvm.lock";

    private final Path directory;
    private final FileChannel jvmChannel;
    private final FileChannel channel;

    private StorageDirectoryLock(Path directory, FileChannel jvmChannel, FileChannel channel) {
        this.directory = directory;
        this.jvmChannel = jvmChannel;
        this.channel = channel;
    }

    /** Creates the directory if missing, checks it is writable and locks it; returns its canonical path's lock. */
    static StorageDirectoryLock acquire(Path storageDirectory) {
        Path absolute = storageDirectory.toAbsolutePath().normalize();
        Path directory = createDirectory(absolute);
        if (!Files.isWritable(directory)) {
            throw notWritable(absolute, "permission denied");
        }
        FileChannel jvmChannel = openLockFile(absolute, directory.resolve(JVM_LOCK_FILE));
        boolean success = false;
        try {
            FileLock jvmLock;
            try {
                jvmLock = jvmChannel.tryLock();
            } catch (OverlappingFileLockException e) {
                throw inUse(absolute, "in this JVM (another controller service, or another version of the NAR)");
            }
            if (jvmLock == null) {
                throw inUse(absolute, "in another process");
            }
            FileChannel channel = openLockFile(absolute, directory.resolve(LOCK_FILE));
            try {
                FileLock lock;
                try {
                    lock = channel.tryLock();
                } catch (OverlappingFileLockException e) {
                    throw inUse(absolute, "in this JVM");
                }
                if (lock == null) {
                    throw inUse(absolute, "in another process");
                }
                success = true;
                return new StorageDirectoryLock(directory, jvmChannel, channel);
            } finally {
                if (!success) {
                    closeQuietly(channel);
                }
            }
        } catch (IOException e) {
            throw notWritable(absolute, e.toString());
        } finally {
            if (!success) {
                closeQuietly(jvmChannel);
            }
        }
    }

    private static Path createDirectory(Path absolute) {
        try {
            Files.createDirectories(absolute);
            return absolute.toRealPath();
        } catch (FileAlreadyExistsException e) {
            throw new MdmException("Storage directory " + absolute + " is not a directory: a file of that name exists",
                    e);
        } catch (IOException e) {
            throw new MdmException("Storage directory " + absolute + " cannot be created (" + e + "); choose a"
                    + " directory the NiFi user can write to", e);
        }
    }

    private static FileChannel openLockFile(Path shown, Path file) {
        try {
            return FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        } catch (IOException e) {
            throw notWritable(shown, e.toString());
        }
    }

    private static MdmException notWritable(Path directory, String reason) {
        return new MdmException("Storage directory " + directory + " is not writable (" + reason + "); choose a"
                + " directory the NiFi user can write to");
    }

    private static StorageDirectoryInUseException inUse(Path directory, String where) {
        return new StorageDirectoryInUseException("Storage directory " + directory + " is already in use by another MDM dataset store "
                + where + ". A directory belongs to one store at a time, since two engine copies writing the same"
                + " database file lose data: point this store at another directory, or disable the other one first");
    }

    Path directory() {
        return directory;
    }

    @Override
    public void close() {
        // Release the process-wide lock first, the JVM-wide one last, mirroring acquisition
        closeQuietly(channel);
        closeQuietly(jvmChannel);
    }

    private static void closeQuietly(FileChannel channel) {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing releases the lock; nothing else to do
        }
    }
}
