package dev.easel.io;

import dev.easel.io.dbus.Notifications;
import org.freedesktop.dbus.connections.impl.DBusConnection;
import org.freedesktop.dbus.connections.impl.DBusConnectionBuilder;
import org.freedesktop.dbus.exceptions.DBusException;
import org.freedesktop.dbus.types.UInt32;
import org.freedesktop.dbus.types.Variant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.Map;

/** Linux desktops: {@code org.freedesktop.Notifications} on the session bus, connected when first needed. */
final class FreedesktopNotifier implements DesktopNotifier {

    private static final Logger LOG = LoggerFactory.getLogger(FreedesktopNotifier.class);

    private final String address;
    private DBusConnection connection;
    private Notifications service;

    /** @param address the bus's address, or null for the session bus the desktop started */
    FreedesktopNotifier(String address) {
        this.address = address;
    }

    static FreedesktopNotifier sessionBus() {
        return new FreedesktopNotifier(null);
    }

    @Override
    public synchronized boolean show(String title, String body) {
        if (address == null && System.getenv("DBUS_SESSION_BUS_ADDRESS") == null) {
            return false; // no desktop session (a server, a container): the app says it itself
        }
        try {
            if (service == null) {
                connection = address == null ? DBusConnectionBuilder.forSessionBus().withShared(false).build()
                        : DBusConnectionBuilder.forAddress(address).withShared(false).build();
                service = connection.getRemoteObject(Notifications.BUS_NAME, Notifications.PATH, Notifications.class);
            }
            service.show("Easel", new UInt32(0), "easel", title, body, new String[0],
                    Map.of("category", new Variant<>("transfer.complete")), -1);
            return true;
        } catch (DBusException | RuntimeException e) { // a DBusExecutionException is the service saying no
            LOG.debug("the desktop's notification service did not answer", e);
            close();
            return false;
        }
    }

    @Override
    public synchronized void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (IOException e) {
                LOG.debug("closing the session bus connection", e);
            }
        }
        connection = null;
        service = null;
    }
}
