package dev.easel.io;

import dev.easel.io.dbus.Notifications;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * A notification reaches the desktop's service over D-Bus: a bus of the test's own (dbus-daemon) with a stand-in
 * notification server on it, as GNOME's or KDE's would be.
 */
class FreedesktopNotifierIT {

    @TempDir
    Path dir;
    private Process bus;

    @AfterEach
    void stop() {
        if (bus != null) {
            bus.destroy();
        }
    }

    /** The stand-in server: keeps what it was asked to show. */
    static final class Server implements Notifications {
        final List<String> shown = new CopyOnWriteArrayList<>();

        @Override
        public UInt32 show(String appName, UInt32 replacesId, String appIcon, String summary, String body,
                           String[] actions, Map<String, Variant<?>> hints, int expireTimeout) {
            shown.add(appName + "|" + summary + "|" + body);
            return new UInt32(shown.size());
        }

        @Override
        public String getObjectPath() {
            return PATH;
        }
    }

    private String startBus() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/dbus-daemon")), "dbus-daemon is not installed");
        Path config = dir.resolve("bus.xml");
        Files.writeString(config, """
                <!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
                 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
                <busconfig>
                  <type>session</type>
                  <listen>unix:dir=%s</listen>
                  <auth>EXTERNAL</auth>
                  <policy context="default">
                    <allow send_destination="*" eavesdrop="true"/>
                    <allow eavesdrop="true"/>
                    <allow own="*"/>
                  </policy>
                </busconfig>
                """.formatted(dir));
        bus = new ProcessBuilder("/usr/bin/dbus-daemon", "--config-file=" + config, "--nofork", "--print-address")
                .redirectErrorStream(true).start();
        var out = new BufferedReader(new InputStreamReader(bus.getInputStream(), StandardCharsets.UTF_8));
        String address = out.readLine();
        assertThat(address).as("the bus's address").startsWith("unix:");
        return address.strip();
    }

    @Test
    void aNotificationReachesTheDesktopsServer() throws Exception {
        String address = startBus();
        var server = new Server();
        try (DBusConnection desktop = DBusConnectionBuilder.forAddress(address).withShared(false).build()) {
            desktop.requestBusName(Notifications.BUS_NAME);
            desktop.exportObject(Notifications.PATH, server);
            try (var notifier = new FreedesktopNotifier(address)) {
                assertThat(notifier.show("2 pictures are done", "a red fox in the snow")).isTrue();
                assertThat(notifier.show("1 failed", "out of memory")).as("the connection is kept").isTrue();
            }
        }
        assertThat(server.shown).containsExactly("Easel|2 pictures are done|a red fox in the snow",
                "Easel|1 failed|out of memory");
    }

    @Test
    void aBusWithoutANotificationServiceIsAFalseNotAFailure() throws Exception {
        String address = startBus();
        try (var notifier = new FreedesktopNotifier(address)) {
            assertThat(notifier.show("done", "")).isFalse();
        }
        try (var nowhere = new FreedesktopNotifier("unix:path=" + dir.resolve("no-such-bus"))) {
            assertThat(nowhere.show("done", "")).isFalse();
        }
    }
}
