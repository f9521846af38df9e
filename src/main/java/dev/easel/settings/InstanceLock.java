package dev.easel.settings;

import dev.easel.io.AtomicFiles;
import dev.easel.text.Messages;
import dev.easel.text.Text;
import org.slf4j.LoggerFactory;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;

/**
 * One Easel per profile: a lock on a file in the data folder, held while the window is open. Two processes on one
 * journal would each resume and send the same jobs, so a second start hands the files it was asked to open to the
 * running one over a loopback socket (with a secret only the profile's owner can read) and exits.
 */
public final class InstanceLock implements AutoCloseable {

    /** What trying to become the profile's Easel gave. */
    public sealed interface Result permits Acquired, Handed, AlreadyRunning { }

    /** This process holds the lock; {@code lock} is null where the folder can't be locked (Easel runs anyway). */
    public record Acquired(InstanceLock lock) implements Result { }

    /** Another Easel runs on this profile and took the files. */
    public record Handed(int files) implements Result { }

    /**
     * Another Easel runs on this profile but could not be reached ({@code why}), or a command holds it and is busy
     * ({@code busy}: then {@code why} says what it does).
     */
    public record AlreadyRunning(Text why, boolean busy) implements Result {
        AlreadyRunning(Text why) {
            this(why, false);
        }
    }

    private static final String HELLO = "easel-open";

    private final FileChannel channel;
    private final FileLock lock;
    private final ServerSocket server;
    private final String secret;
    private final Path portFile;
    private final List<List<Path>> early = new ArrayList<>();
    private Consumer<List<Path>> handler;
    private volatile String busy;

    private InstanceLock(FileChannel channel, FileLock lock, ServerSocket server, String secret, Path portFile) {
        this.channel = channel;
        this.lock = lock;
        this.server = server;
        this.secret = secret;
        this.portFile = portFile;
        Thread.ofPlatform().daemon().name("easel-instance").start(this::serve);
    }

    /**
     * Takes the profile's lock for a command that opens no window ({@code easel generate}): when another Easel holds
     * it, nothing is handed over (its window is not disturbed) and the answer is {@link AlreadyRunning}. A window
     * started while the command runs is told it is busy instead of handing its files to it.
     *
     * @param busy the key of what a window started meanwhile says, e.g. {@code "cli.generate.busy"}
     */
    public static Result acquireForCommand(Path dataDir, String busy) {
        Result r = acquire(dataDir, null);
        if (r instanceof Acquired(InstanceLock lock) && lock != null) {
            lock.busy = busy;
        }
        return r;
    }

    /** Takes the profile's lock, or hands {@code files} to the Easel that holds it. */
    public static Result acquireOrHand(Path dataDir, List<Path> files) {
        return acquire(dataDir, files);
    }

    private static Result acquire(Path dataDir, List<Path> files) {
        try {
            Files.createDirectories(dataDir);
            Path lockFile = dataDir.resolve("instance.lock");
            Path portFile = dataDir.resolve("instance.port");
            FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock;
            try {
                lock = channel.tryLock();
            } catch (OverlappingFileLockException sameProcess) {
                lock = null;
            }
            if (lock == null) {
                channel.close();
                return files == null ? new AlreadyRunning(Text.of("settings.instance.held")) : hand(portFile, files);
            }
            ServerSocket server = new ServerSocket();
            server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            byte[] random = new byte[16];
            new SecureRandom().nextBytes(random);
            String secret = HexFormat.of().formatHex(random);
            AtomicFiles.write(portFile, (server.getLocalPort() + " " + secret + "\n")
                    .getBytes(StandardCharsets.UTF_8), true);
            return new Acquired(new InstanceLock(channel, lock, server, secret, portFile));
        } catch (IOException e) {
            // a folder where locks don't work (some network shares): run, but say nothing stops a second Easel
            LoggerFactory.getLogger(InstanceLock.class).warn("no instance lock in {}: {}", dataDir,
                    e.toString());
            return new Acquired(null);
        }
    }

    private static Result hand(Path portFile, List<Path> files) {
        String[] portAndSecret;
        try {
            portAndSecret = Files.readString(portFile, StandardCharsets.UTF_8).trim().split(" ");
        } catch (IOException e) {
            return new AlreadyRunning(Text.of("settings.instance.noAddress", e.getMessage()));
        }
        if (portAndSecret.length != 2) {
            return new AlreadyRunning(Text.of("settings.instance.damaged"));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), Integer.parseInt(portAndSecret[0])),
                    2000);
            s.setSoTimeout(5000);
            var out = new PrintWriter(new OutputStreamWriter(s.getOutputStream(), StandardCharsets.UTF_8), false);
            out.println(HELLO + " " + portAndSecret[1]);
            for (Path f : files) {
                out.println(f.toAbsolutePath());
            }
            out.println();
            out.flush();
            String answer = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8))
                    .readLine();
            if (answer != null && answer.startsWith("busy ")) {
                // the key of what the command does; from another version, one this one may lack
                String key = answer.substring(5).strip();
                return new AlreadyRunning(Messages.has(key) ? Text.of(key) : Text.literal(key), true);
            }
            return "ok".equals(answer) ? new Handed(files.size())
                    : new AlreadyRunning(Text.of("settings.instance.refused", answer));
        } catch (IOException | NumberFormatException e) {
            return new AlreadyRunning(Text.of("settings.instance.noAnswer", e.getMessage()));
        }
    }

    /** Receives the files later starts hand over (and any that came before this was set), on this lock's thread. */
    public void onFiles(Consumer<List<Path>> handler) {
        List<List<Path>> pending;
        synchronized (this) {
            this.handler = handler;
            pending = List.copyOf(early);
            early.clear();
        }
        pending.forEach(handler);
    }

    private void serve() {
        while (!server.isClosed()) {
            try (Socket s = server.accept()) {
                s.setSoTimeout(5000);
                var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                String hello = in.readLine();
                if (hello == null || !hello.equals(HELLO + " " + secret)) {
                    continue; // not an Easel of this profile
                }
                List<Path> files = new ArrayList<>();
                for (String line; (line = in.readLine()) != null && !line.isEmpty(); ) {
                    files.add(Path.of(line));
                }
                if (busy != null) { // a command holds the profile: no window to open the files in
                    s.getOutputStream().write(("busy " + busy + "\n").getBytes(StandardCharsets.UTF_8));
                    continue;
                }
                Consumer<List<Path>> h;
                synchronized (this) {
                    h = handler;
                    if (h == null) {
                        early.add(files);
                    }
                }
                if (h != null) {
                    h.accept(files);
                }
                s.getOutputStream().write("ok\n".getBytes(StandardCharsets.UTF_8));
            } catch (IOException | RuntimeException e) {
                if (server.isClosed()) {
                    return;
                }
                LoggerFactory.getLogger(InstanceLock.class).debug("a second start's hand-over failed", e);
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            Files.deleteIfExists(portFile);
            lock.release();
            channel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
